import { queryAllowingPartialData } from '../api.js';
import { label, LABELS } from '../labels.js';
import {
  csvRow,
  debounce,
  errorBox,
  formatNumber,
  h,
  loadingBox,
  markReady,
  partnerLink,
  setViewParams,
  statusBadge,
  table,
  viewParams,
} from '../ui.js';
import { allRows, connectionPager, urlPager } from '../paging.js';
import { withheldNotice } from './withheld.js';
/** @import { ChannelStatus, PartnerDirectoryQuery, PartnerFilter } from '../../client/generated/graphql' */
/** @import { Column } from '../ui.js' */
/** @typedef {PartnerDirectoryQuery['partners']['edges'][number]['node']} DirectoryEntry */

const PER_PAGE = 25;

/** @type {Column<DirectoryEntry>[]} */
const COLUMNS = [
  { label: 'Partner', cell: (p) => partnerLink(p), csv: (p) => p.name },
  { label: 'Id', cell: (p) => p.id },
  { label: 'Status', cell: (p) => statusBadge(p.channelStatus), csv: (p) => label('ChannelStatus', p.channelStatus) },
  { label: 'Country', cell: (p) => p.country },
  { label: 'Region', cell: (p) => label('Region', p.region) },
  { label: 'Category', cell: (p) => label('PartnerCategory', p.category) },
  { label: 'Licensed cores', cell: (p) => formatNumber(p.licensedCores), csv: (p) => p.licensedCores ?? '', class: 'number' },
  { label: 'Customers', cell: (p) => formatNumber(p.customerCount), csv: (p) => p.customerCount, class: 'number' },
];

/**
 * The partner directory: search by name, filter by channel status, a page at a time; the search,
 * the filter and the page are in the URL. A partner role sees every partner's directory data, not
 * their licensed cores (named above the table).
 * @param {HTMLElement} view
 */
export function renderPartners(view) {
  const params = viewParams();
  const search = h('input', { type: 'search', placeholder: 'Name contains…', 'aria-label': 'Name contains', value: params.get('q') ?? '' });
  const status = h(
    'select',
    { 'aria-label': 'Channel status' },
    h('option', { value: '' }, 'Any channel status'),
    Object.entries(LABELS.ChannelStatus).map(([value, text]) => h('option', { value, selected: params.get('status') === value }, text)),
  );
  const results = h('div');
  view.append(h('h1', {}, 'Partners'), h('div', { class: 'toolbar', role: 'search' }, search, status), results);
  let latest = 0;

  /** @returns {PartnerFilter} */
  const filter = () => ({
    ...(search.value.trim() ? { nameContains: search.value.trim() } : {}),
    // The select offers the ChannelStatus values (and '' for any).
    ...(status.value ? { channelStatus: /** @type {ChannelStatus} */ (status.value) } : {}),
  });
  /**
   * @param {number} first
   * @param {string | null} after
   */
  const fetchPage = async (first, after) =>
    (await queryAllowingPartialData('PartnerDirectory', { filter: filter(), first, after })).data.partners;

  async function show() {
    // Typing sends several searches; only the answer to the last one is shown.
    const request = ++latest;
    const pages = urlPager({ perPage: PER_PAGE, context: JSON.stringify(filter()) });
    results.replaceChildren(loadingBox());
    try {
      const { data, errors } = await queryAllowingPartialData('PartnerDirectory', {
        filter: filter(),
        first: PER_PAGE,
        after: pages.after,
      });
      if (request !== latest) return;
      const { partners } = data;
      results.replaceChildren(
        // No notice without withheld fields (replaceChildren(null) would show the text "null").
        ...[withheldNotice(errors)].filter((node) => node !== null),
        table(
          COLUMNS,
          partners.edges.map((e) => e.node),
          {
            empty: 'No partner matches.',
            caption: 'Partners',
            exportAs: 'partners.csv',
            exportRows: async (progress) => {
              const { nodes, total, complete } = await allRows(fetchPage, { progress });
              const rows = nodes.map((p) => csvRow(COLUMNS, p));
              return {
                rows,
                note: complete ? null : `Exported the first ${formatNumber(rows.length)} of ${formatNumber(total)} rows (export limit).`,
              };
            },
          },
        ),
        connectionPager({ page: partners, pages, fetchPage, show, label: 'Pages of partners' }),
      );
      markReady(view);
    } catch (error) {
      if (request === latest) results.replaceChildren(errorBox(error, show));
    }
  }

  // A search still waiting out its debounce when the status changes was already included by the
  // status change; when it fires, nothing has changed and the page the reader moved to stays.
  const restart = () => {
    const shown = viewParams();
    if ((shown.get('q') ?? '') === search.value.trim() && (shown.get('status') ?? '') === status.value) return;
    setViewParams({ q: search.value.trim(), status: status.value, page: null, after: null });
    void show();
  };
  search.addEventListener('input', debounce(restart, 300));
  status.addEventListener('change', restart);
  void show();
}
