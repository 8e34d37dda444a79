import { query } from '../api.js';
import { errorBox, formatNumber, h, loadingBox, partnerLink, statusBadge, STATUS_LABELS, table, debounce } from '../ui.js';

const PER_PAGE = 25;

/** The partner directory: search by name, filter by channel status, a page at a time. */
export function renderPartners(view) {
  const search = h('input', { type: 'search', placeholder: 'Name contains…', 'aria-label': 'Name contains' });
  const status = h(
    'select',
    { 'aria-label': 'Channel status' },
    h('option', { value: '' }, 'Any channel status'),
    Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value }, label)),
  );
  const results = h('div');
  view.append(h('h1', {}, 'Partners'), h('div', { class: 'toolbar' }, search, status), results);
  let cursors = [null];
  let latest = 0;

  async function show(pageIndex) {
    // Typing sends several searches; only the answer to the last one is shown.
    const request = ++latest;
    results.replaceChildren(loadingBox());
    const filter = {
      ...(search.value.trim() ? { nameContains: search.value.trim() } : {}),
      ...(status.value ? { channelStatus: status.value } : {}),
    };
    try {
      const { partners } = await query('PartnerDirectory', { filter, first: PER_PAGE, after: cursors[pageIndex] });
      if (request !== latest) return;
      if (partners.pageInfo.hasNextPage) cursors[pageIndex + 1] = partners.pageInfo.endCursor;
      const first = pageIndex * PER_PAGE;
      results.replaceChildren(
        table(
          [
            { label: 'Partner', cell: (p) => partnerLink(p) },
            { label: 'Status', cell: (p) => statusBadge(p.channelStatus) },
            { label: 'Country', cell: (p) => p.country },
            { label: 'Category', cell: (p) => p.category },
            { label: 'Licensed cores', cell: (p) => formatNumber(p.licensedCores), class: 'number' },
            { label: 'Customers', cell: (p) => formatNumber(p.customerCount), class: 'number' },
          ],
          partners.edges.map((e) => e.node),
          { empty: 'No partner matches.' },
        ),
        h(
          'div',
          { class: 'pager' },
          h('button', { type: 'button', disabled: pageIndex === 0, onclick: () => show(pageIndex - 1) }, '← Previous'),
          h(
            'span',
            {},
            partners.totalCount
              ? `${formatNumber(first + 1)}–${formatNumber(first + partners.edges.length)} of ${formatNumber(partners.totalCount)}`
              : '',
          ),
          h('button', { type: 'button', disabled: !partners.pageInfo.hasNextPage, onclick: () => show(pageIndex + 1) }, 'Next →'),
        ),
      );
    } catch (error) {
      if (request === latest) results.replaceChildren(errorBox(error, () => show(pageIndex)));
    }
  }

  const restart = () => {
    cursors = [null];
    show(0);
  };
  search.addEventListener('input', debounce(restart, 300));
  status.addEventListener('change', restart);
  show(0);
}
