import { query } from '../api.js';
import { label } from '../labels.js';
import { errorBox, formatNumber, h, loadingBox, markReady, partnerLink, setViewParams, table, viewParams } from '../ui.js';
import { allRows, connectionPager, urlPager } from '../paging.js';
/** @import { ContractOrder, ContractOrderField, CustomersAtRiskQuery } from '../../client/generated/graphql' */
/** @import { Column } from '../ui.js' */
/** @typedef {CustomersAtRiskQuery['channelOverview']['customersAtRisk']['edges'][number]['node']} AtRiskContract */

const PER_PAGE = 25;
/** The export pages through the whole list 100 rows at a time, and stops here at `full` scale. */
const EXPORT_LIMIT = 20_000;
/** @type {ContractOrderField[]} */
const SORTABLE = ['ID', 'CORES_IN_USE', 'STARTS_ON'];

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

/** @param {AtRiskContract} c */
const csvLine = (c) => [
  c.id,
  c.customer.id,
  c.customer.name,
  c.customer.country,
  label('Industry', c.customer.industry),
  c.customer.sovereignCloudRequired,
  c.provider.id,
  c.provider.name,
  c.provider.country,
  label('PartnerCategory', c.provider.category),
  c.coresInUse,
  c.startsOn,
  label('MigrationStatus', c.plannedMigration?.status),
  label('MigrationReason', c.plannedMigration?.reason),
  c.plannedMigration ? (c.plannedMigration.to?.name ?? c.plannedMigration.alternativeVendor ?? '') : '',
];

/** @param {AtRiskContract['plannedMigration']} m */
const plannedMove = (m) =>
  m
    ? `${label('MigrationStatus', m.status)}: ${m.to?.name ?? m.alternativeVendor ?? '?'} (${label('MigrationReason', m.reason)}, ${m.decidedOn})`
    : 'None planned';

/**
 * The sort in the URL (`sort=STARTS_ON&dir=ASC`), biggest first when none is given.
 * @returns {ContractOrder}
 */
function orderFromUrl() {
  const params = viewParams();
  const field = SORTABLE.find((sortable) => sortable === params.get('sort')) ?? 'CORES_IN_USE';
  return { field, direction: params.get('dir') === 'ASC' ? 'ASC' : 'DESC' };
}

/**
 * Contracts with EXCLUDED providers, sorted on the server (the list is paged), with a CSV export of all of them.
 * @param {HTMLElement} view
 */
export function renderAtRisk(view) {
  let latest = 0;
  const results = h('div');
  view.append(
    h('h1', {}, 'Customers at risk'),
    h(
      'p',
      { class: 'lead' },
      'Active contracts with providers excluded from the Advantage program, and whether the customer plans a move.',
    ),
    results,
  );

  /**
   * @param {number} first
   * @param {string | null} after
   */
  const fetchPage = async (first, after) =>
    (await query('CustomersAtRisk', { first, after, orderBy: orderFromUrl() })).channelOverview.customersAtRisk;

  /**
   * The header of a column the server sorts by: a button that sorts by it, or turns the order round.
   * @param {string} title
   * @param {ContractOrderField} field
   */
  const sortHeader = (title, field) => {
    const orderBy = orderFromUrl();
    const active = orderBy.field === field;
    const arrow = active ? (orderBy.direction === 'DESC' ? ' ▼' : ' ▲') : '';
    return {
      header: h(
        'button',
        {
          type: 'button',
          class: `sort${active ? ' active' : ''}`,
          'data-sort': field,
          onclick: () => {
            const direction = active && orderBy.direction === 'DESC' ? 'ASC' : 'DESC';
            setViewParams({ sort: field, dir: direction, page: null, after: null }, { push: true });
            void show();
          },
        },
        title + arrow,
      ),
      headerAttributes: { 'aria-sort': active ? (orderBy.direction === 'DESC' ? 'descending' : 'ascending') : 'none' },
    };
  };

  async function show() {
    const request = ++latest;
    const orderBy = orderFromUrl();
    const pages = urlPager({ perPage: PER_PAGE, context: JSON.stringify(orderBy) });
    results.replaceChildren(loadingBox());
    try {
      const page = await fetchPage(PER_PAGE, pages.after);
      if (request !== latest) return;
      /** @type {Column<AtRiskContract>[]} */
      const columns = [
        { label: 'Contract', ...sortHeader('Contract', 'ID'), cell: (c) => c.id, rowAttributes: (c) => ({ 'data-contract': c.id }) },
        {
          label: 'Customer',
          cell: (c) => [
            c.customer.name,
            c.customer.sovereignCloudRequired ? h('span', { class: 'tag', title: 'Sovereign cloud required' }, 'sovereign') : null,
          ],
        },
        { label: 'Country', cell: (c) => c.customer.country },
        { label: 'Industry', cell: (c) => label('Industry', c.customer.industry) },
        { label: 'Provider', cell: (c) => partnerLink(c.provider) },
        { label: 'Cores in use', ...sortHeader('Cores in use', 'CORES_IN_USE'), cell: (c) => formatNumber(c.coresInUse), class: 'number' },
        { label: 'Since', ...sortHeader('Since', 'STARTS_ON'), cell: (c) => c.startsOn },
        { label: 'Planned move', cell: (c) => plannedMove(c.plannedMigration) },
      ];
      results.replaceChildren(
        table(
          columns,
          page.edges.map((e) => e.node),
          {
            empty: 'No customer is at risk.',
            caption: 'Customers at risk',
            attributes: { 'data-table': 'at-risk' },
            exportAs: 'customers-at-risk.csv',
            exportHeader: CSV_HEADER,
            exportRows: async (progress) => {
              const { nodes, total, complete } = await allRows(fetchPage, { limit: EXPORT_LIMIT, progress });
              return {
                rows: nodes.map(csvLine),
                note: complete
                  ? `Exported ${formatNumber(nodes.length)} rows.`
                  : `Exported the first ${formatNumber(nodes.length)} of ${formatNumber(total)} rows (export limit).`,
              };
            },
          },
        ),
        connectionPager({ page, pages, fetchPage, show, label: 'Pages of customers at risk' }),
      );
      markReady(view);
    } catch (error) {
      if (request === latest) results.replaceChildren(errorBox(error, show));
    }
  }

  void show();
}
