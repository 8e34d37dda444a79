import { queryAllowingPartialData } from '../api.js';
import { errorBox, formatNumber, h, loadingBox, partnerLink, section, statusBadge, STATUS_LABELS, table } from '../ui.js';

const CUSTOMERS_PER_PAGE = 25;
const byStartDesc = (a, b) => (b.startedOn ?? b.startsOn ?? b.signedOn).localeCompare(a.startedOn ?? a.startsOn ?? a.signedOn);

function facts(partner) {
  const rows = [
    ['Country', partner.country],
    ['Region', partner.region],
    ['Category', partner.category],
    [
      'Website',
      /^https?:\/\//.test(partner.website ?? '')
        ? h('a', { href: partner.website, rel: 'noopener noreferrer', target: '_blank' }, partner.website)
        : '—',
    ],
    ['Licensed cores', formatNumber(partner.licensedCores)],
    ['Meets the Advantage threshold', partner.meetsAdvantageThreshold === null ? '—' : partner.meetsAdvantageThreshold ? 'yes' : 'no'],
    ['Standing before VCSP closed (2024-04-29)', STATUS_LABELS[partner.channelStatusBeforeChange] ?? partner.channelStatusBeforeChange],
    ['Customers', formatNumber(partner.customerCount)],
  ];
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

function atRiskFlag(partner) {
  if (partner.channelStatus !== 'EXCLUDED') return null;
  return h(
    'p',
    { class: 'at-risk-flag', 'data-at-risk': '' },
    `At risk: excluded from the Advantage program and not a white-label secondary. Its ${formatNumber(partner.customerCount)} customers need a move to an admitted partner or another platform.`,
  );
}

/** Fields the caller's role may not see (a partner looking at another partner) are named, not silently blank. */
function hiddenFields(errors) {
  if (errors.length === 0) return null;
  const fields = [
    ...new Set(
      errors.map(
        (e) =>
          (e.path ?? [])
            .filter((p) => typeof p === 'string')
            .slice(1)
            .join('.') || e.message,
      ),
    ),
  ];
  return h(
    'p',
    { class: 'notice', role: 'note' },
    `Not shown to your role (${errors[0].extensions?.code ?? 'error'}): ${fields.join(', ')}.`,
  );
}

/** One partner: standing, memberships with history, licences, agreements, allocations, customers. */
export function renderPartner(view, partnerId) {
  const body = h('div');
  view.append(body);
  const cursors = [null];

  async function show(pageIndex) {
    body.replaceChildren(loadingBox());
    try {
      const { data, errors } = await queryAllowingPartialData('PartnerDetail', {
        id: partnerId,
        customersFirst: CUSTOMERS_PER_PAGE,
        customersAfter: cursors[pageIndex],
      });
      const { partner } = data;
      if (!partner) {
        const [refusal] = errors;
        body.replaceChildren(
          errorBox(
            refusal
              ? { code: refusal.extensions?.code, message: refusal.message }
              : { code: 'NOT_FOUND', message: `No partner with id ${partnerId}.` },
          ),
        );
        return;
      }
      if (partner.customers.pageInfo.hasNextPage) cursors[pageIndex + 1] = partner.customers.pageInfo.endCursor;
      body.replaceChildren(...[hiddenFields(errors), ...page(partner, pageIndex)].filter(Boolean));
    } catch (error) {
      body.replaceChildren(errorBox(error, () => show(pageIndex)));
    }
  }

  function page(partner, pageIndex) {
    const customers = partner.customers;
    const first = pageIndex * CUSTOMERS_PER_PAGE;
    return [
      h('h1', { 'data-partner-name': partner.id }, partner.name, ' ', statusBadge(partner.channelStatus)),
      atRiskFlag(partner),
      facts(partner),
      section(
        'Program memberships and history',
        table(
          [
            { label: 'Program', cell: (m) => m.program.code },
            { label: 'Status', cell: (m) => m.status },
            { label: 'Role', cell: (m) => m.role ?? '' },
            { label: 'Started', cell: (m) => m.startedOn },
            { label: 'Ended', cell: (m) => m.endedOn ?? '' },
            { label: 'Reason', cell: (m) => m.reason ?? '' },
          ],
          [...partner.memberships].sort(byStartDesc),
        ),
      ),
      section(
        'Licences',
        table(
          [
            { label: 'Licence', cell: (l) => l.id },
            { label: 'Product', cell: (l) => l.product },
            { label: 'Status', cell: (l) => l.status },
            { label: 'Cores', cell: (l) => formatNumber(l.cores), class: 'number' },
            { label: 'Allocated', cell: (l) => formatNumber(l.allocatedCores), class: 'number' },
            { label: 'Available', cell: (l) => formatNumber(l.availableCores), class: 'number' },
            { label: 'Term', cell: (l) => `${l.startsOn} → ${l.endsOn}` },
          ],
          [...partner.licences].sort(byStartDesc),
        ),
      ),
      section(
        'White-label agreements',
        table(
          [
            { label: 'Agreement', cell: (a) => a.id },
            { label: 'Status', cell: (a) => a.status },
            { label: 'Primary', cell: (a) => (a.primary.id === partner.id ? 'this partner' : partnerLink(a.primary)) },
            { label: 'Secondary', cell: (a) => (a.secondary.id === partner.id ? 'this partner' : partnerLink(a.secondary)) },
            { label: 'Signed', cell: (a) => a.signedOn },
            { label: 'Ended', cell: (a) => a.endsOn ?? '' },
          ],
          [...partner.whiteLabelAgreements].sort(byStartDesc),
        ),
      ),
      section(
        'Cores allocated to secondaries',
        table(
          [
            { label: 'Secondary', cell: (a) => partnerLink(a.secondary) },
            { label: 'Licence', cell: (a) => `${a.licence.id} (${a.licence.product})` },
            { label: 'Cores', cell: (a) => formatNumber(a.cores), class: 'number' },
            { label: 'Status', cell: (a) => a.status },
            { label: 'Term', cell: (a) => `${a.startsOn} → ${a.endsOn ?? ''}` },
          ],
          [...partner.allocationsGranted].sort(byStartDesc),
        ),
      ),
      section(
        'Cores received from primaries',
        table(
          [
            { label: 'Primary', cell: (a) => partnerLink(a.licence.holder) },
            { label: 'Licence', cell: (a) => `${a.licence.id} (${a.licence.product})` },
            { label: 'Cores', cell: (a) => formatNumber(a.cores), class: 'number' },
            { label: 'Status', cell: (a) => a.status },
            { label: 'Term', cell: (a) => `${a.startsOn} → ${a.endsOn ?? ''}` },
          ],
          [...partner.allocationsReceived].sort(byStartDesc),
        ),
      ),
      section(
        `Customers (${formatNumber(customers.totalCount)})`,
        table(
          [
            { label: 'Customer', cell: (c) => c.name },
            { label: 'Country', cell: (c) => c.country },
            { label: 'Industry', cell: (c) => c.industry },
            { label: 'Sovereign cloud', cell: (c) => (c.sovereignCloudRequired ? 'required' : '') },
          ],
          customers.edges.map((e) => e.node),
        ),
        customers.totalCount > CUSTOMERS_PER_PAGE
          ? h(
              'div',
              { class: 'pager' },
              h('button', { type: 'button', disabled: pageIndex === 0, onclick: () => show(pageIndex - 1) }, '← Previous'),
              h(
                'span',
                {},
                `${formatNumber(first + 1)}–${formatNumber(first + customers.edges.length)} of ${formatNumber(customers.totalCount)}`,
              ),
              h('button', { type: 'button', disabled: !customers.pageInfo.hasNextPage, onclick: () => show(pageIndex + 1) }, 'Next →'),
            )
          : null,
      ),
    ];
  }

  show(0);
}
