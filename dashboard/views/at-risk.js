import { query } from '../api.js';
import { download, errorBox, formatNumber, h, loadingBox, partnerLink, toCsv } from '../ui.js';

const PER_PAGE = 25;
/** The export pages through the whole list 100 rows at a time, and stops here at `full` scale. */
const EXPORT_PAGE = 100;
const EXPORT_LIMIT = 20_000;

const CSV_HEADER = [
  'contractId',
  'customerId',
  'customer',
  'customerCountry',
  'industry',
  'sovereignCloudRequired',
  'providerId',
  'provider',
  'providerCountry',
  'providerCategory',
  'coresInUse',
  'startsOn',
  'migrationStatus',
  'migrationReason',
  'migrationTo',
];

const csvRow = (c) => [
  c.id,
  c.customer.id,
  c.customer.name,
  c.customer.country,
  c.customer.industry,
  c.customer.sovereignCloudRequired,
  c.provider.id,
  c.provider.name,
  c.provider.country,
  c.provider.category,
  c.coresInUse,
  c.startsOn,
  c.plannedMigration?.status ?? '',
  c.plannedMigration?.reason ?? '',
  c.plannedMigration ? (c.plannedMigration.to?.name ?? c.plannedMigration.alternativeVendor ?? '') : '',
];

const plannedMove = (m) => (m ? `${m.status}: ${m.to?.name ?? m.alternativeVendor ?? '?'} (${m.reason}, ${m.decidedOn})` : 'none planned');

/** Contracts with EXCLUDED providers, sorted on the server (the list is paged), with a CSV export of all of them. */
export function renderAtRisk(view) {
  let orderBy = { field: 'CORES_IN_USE', direction: 'DESC' };
  let cursors = [null];
  let latest = 0;
  const results = h('div');
  const exportButton = h('button', { type: 'button', 'data-export': 'csv' }, 'Export CSV');
  const exportStatus = h('span', { class: 'export-status', 'data-export-status': '' });
  view.append(
    h('h1', {}, 'Customers at risk'),
    h(
      'p',
      { class: 'lead' },
      'Active contracts with providers excluded from the Advantage program, and whether the customer plans a move.',
    ),
    h('div', { class: 'toolbar' }, exportButton, exportStatus),
    results,
  );

  const sortHeader = (label, field) => {
    const active = orderBy.field === field;
    const arrow = active ? (orderBy.direction === 'DESC' ? ' ▼' : ' ▲') : '';
    return h(
      'button',
      {
        type: 'button',
        class: `sort${active ? ' active' : ''}`,
        'data-sort': field,
        'aria-sort': active ? (orderBy.direction === 'DESC' ? 'descending' : 'ascending') : 'none',
        onclick: () => {
          orderBy = { field, direction: active && orderBy.direction === 'DESC' ? 'ASC' : 'DESC' };
          cursors = [null];
          show(0);
        },
      },
      label + arrow,
    );
  };

  async function show(pageIndex) {
    const request = ++latest;
    results.replaceChildren(loadingBox());
    try {
      const data = await query('CustomersAtRisk', { first: PER_PAGE, after: cursors[pageIndex], orderBy });
      if (request !== latest) return;
      const page = data.channelOverview.customersAtRisk;
      if (page.pageInfo.hasNextPage) cursors[pageIndex + 1] = page.pageInfo.endCursor;
      const first = pageIndex * PER_PAGE;
      const rows = page.edges.map((e) => e.node);
      results.replaceChildren(
        rows.length === 0
          ? h('p', { class: 'empty' }, 'No customer is at risk.')
          : h(
              'table',
              { 'data-table': 'at-risk' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, sortHeader('Contract', 'ID')),
                  h('th', {}, 'Customer'),
                  h('th', {}, 'Country'),
                  h('th', {}, 'Industry'),
                  h('th', {}, 'Provider'),
                  h('th', { class: 'number' }, sortHeader('Cores in use', 'CORES_IN_USE')),
                  h('th', {}, sortHeader('Since', 'STARTS_ON')),
                  h('th', {}, 'Planned move'),
                ),
              ),
              h(
                'tbody',
                {},
                rows.map((c) =>
                  h(
                    'tr',
                    { 'data-contract': c.id },
                    h('td', {}, c.id),
                    h(
                      'td',
                      {},
                      c.customer.name,
                      c.customer.sovereignCloudRequired
                        ? h('span', { class: 'tag', title: 'Sovereign cloud required' }, 'sovereign')
                        : null,
                    ),
                    h('td', {}, c.customer.country),
                    h('td', {}, c.customer.industry),
                    h('td', {}, partnerLink(c.provider)),
                    h('td', { class: 'number' }, formatNumber(c.coresInUse)),
                    h('td', {}, c.startsOn),
                    h('td', {}, plannedMove(c.plannedMigration)),
                  ),
                ),
              ),
            ),
        h(
          'div',
          { class: 'pager' },
          h('button', { type: 'button', disabled: pageIndex === 0, onclick: () => show(pageIndex - 1) }, '← Previous'),
          h(
            'span',
            { 'data-page-range': '' },
            page.totalCount ? `${formatNumber(first + 1)}–${formatNumber(first + rows.length)} of ${formatNumber(page.totalCount)}` : '',
          ),
          h('button', { type: 'button', disabled: !page.pageInfo.hasNextPage, onclick: () => show(pageIndex + 1) }, 'Next →'),
        ),
      );
    } catch (error) {
      if (request === latest) results.replaceChildren(errorBox(error, () => show(pageIndex)));
    }
  }

  async function exportCsv() {
    exportButton.disabled = true;
    const rows = [];
    let after = null;
    let total = null;
    try {
      do {
        exportStatus.textContent = `Exporting ${formatNumber(rows.length)}${total === null ? '' : ` of ${formatNumber(total)}`}…`;
        const data = await query('CustomersAtRisk', { first: EXPORT_PAGE, after, orderBy });
        const page = data.channelOverview.customersAtRisk;
        total = page.totalCount;
        rows.push(...page.edges.map((e) => csvRow(e.node)));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after && rows.length < EXPORT_LIMIT);
      download('customers-at-risk.csv', toCsv(CSV_HEADER, rows));
      exportStatus.textContent =
        rows.length < total
          ? `Exported the first ${formatNumber(rows.length)} of ${formatNumber(total)} rows (export limit).`
          : `Exported ${formatNumber(rows.length)} rows.`;
    } catch (error) {
      exportStatus.replaceChildren(errorBox(error));
    } finally {
      exportButton.disabled = false;
    }
  }

  exportButton.addEventListener('click', exportCsv);
  show(0);
}
