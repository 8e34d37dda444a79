import { missingRecord, queryAllowingPartialData } from '../api.js';
import { label } from '../labels.js';
import { errorBox, formatNumber, h, loadingBox, markReady, partnerLink, section, statusBadge, table } from '../ui.js';
import { allRows, urlPager } from '../paging.js';
import { CUSTOMER_COLUMNS, CUSTOMERS_PER_PAGE, customersPaged, partnerSections } from './partner-tables.js';
import { withheldNotice } from './withheld.js';
/** @import { MyChannelQuery, MyCustomersQuery } from '../../client/generated/graphql' */
/** @import { Session } from '../api.js' */
/** @import { Column } from '../ui.js' */
/**
 * @typedef {NonNullable<MyCustomersQuery['partner']>['customers']['edges'][number]['node']} MyCustomer
 * @typedef {MyCustomer['contracts'][number]} Contract
 * @typedef {NonNullable<MyChannelQuery['resellerNetwork']>} ResellerNetwork
 */

/** The "at risk or planning a move" list reads every customer, 100 a request, up to this many. */
const WATCH_LIMIT = 5_000;

/**
 * A customer's contracts with this partner (or its secondaries) that are ACTIVE, and what threatens them.
 * @param {MyCustomer} customer
 */
function watch(customer) {
  const active = customer.contracts.filter((c) => c.status === 'ACTIVE');
  const atRisk = active.filter((c) => c.provider.channelStatus === 'EXCLUDED');
  const moves = active.filter((c) => c.plannedMigration);
  return { atRisk, moves };
}

/** @param {Contract} c */
const moveText = (c) => {
  const m = c.plannedMigration;
  if (!m) return '';
  return `${label('MigrationStatus', m.status)}: from ${c.provider.name} to ${m.to?.name ?? m.alternativeVendor ?? '?'} (${label('MigrationReason', m.reason)}, decided ${m.decidedOn})`;
};

/** @type {Column<MyCustomer>} */
const AT_RISK = {
  label: 'At risk',
  cell: (c) => (watch(c).atRisk.length ? h('strong', { class: 'risk' }, 'At risk') : ''),
  csv: (c) => (watch(c).atRisk.length ? 'At risk' : ''),
};
/** @type {Column<MyCustomer>} */
const SERVED_BY = {
  label: 'Served by',
  cell: (c) => [...new Set([...watch(c).atRisk, ...watch(c).moves].map((contract) => contract.provider.name))].join(', '),
};
/** @type {Column<MyCustomer>} */
const PLANNED_MOVE = { label: 'Planned move', cell: (c) => watch(c).moves.map(moveText).join('; ') };
/** @type {Column<MyCustomer>[]} */
const MY_CUSTOMER_COLUMNS = [...CUSTOMER_COLUMNS, AT_RISK, PLANNED_MOVE];
/** @type {Column<MyCustomer>[]} */
const WATCH_COLUMNS = [...CUSTOMER_COLUMNS, AT_RISK, SERVED_BY, PLANNED_MOVE];

/** @param {ResellerNetwork} network */
function secondariesTable(network) {
  /** @param {ResellerNetwork['secondaries'][number]} branch */
  const customersOf = (branch) => new Set(branch.allocations.flatMap((a) => a.contracts.map((c) => c.customer.id))).size;
  return table(
    [
      { label: 'Secondary', cell: (b) => partnerLink(b.secondary), csv: (b) => b.secondary.name },
      { label: 'Country', cell: (b) => b.secondary.country },
      {
        label: 'Status',
        cell: (b) => statusBadge(b.secondary.channelStatus),
        csv: (b) => label('ChannelStatus', b.secondary.channelStatus),
      },
      { label: 'Since', cell: (b) => b.agreement.signedOn },
      { label: 'Cores allocated', cell: (b) => formatNumber(b.allocatedCores), csv: (b) => b.allocatedCores, class: 'number' },
      { label: 'Customers', cell: (b) => formatNumber(customersOf(b)), csv: customersOf, class: 'number' },
    ],
    network.secondaries,
    { caption: 'Your secondaries', exportAs: 'my-secondaries.csv', empty: 'No secondary resells your licences today.' },
  );
}

/**
 * A partner user's home: their standing today and before the change, licences with allocated and
 * available cores, their secondaries (a primary) or their primary and the cores received (a
 * secondary), their customers a page at a time (the page in the URL), and which customers are at
 * risk or planning a move. Everything comes from the API under the caller's own scope.
 * @param {HTMLElement} view
 * @param {string[]} _groups
 * @param {Session} session
 */
export function renderMyChannel(view, _groups, session) {
  const body = h('div');
  view.append(body);
  if (!session.partner) {
    body.append(errorBox({ code: 'NOT_FOUND', message: 'This token names no partner the directory knows.' }));
    return;
  }
  const partnerId = session.partner.id;
  /**
   * @param {number} first
   * @param {string | null} after
   */
  const customersPage = async (first, after) => {
    const { data, errors } = await queryAllowingPartialData('MyCustomers', { id: partnerId, first, after });
    if (!data.partner) throw missingRecord(errors, `partner ${partnerId}`);
    return data.partner.customers;
  };

  async function show() {
    body.replaceChildren(loadingBox());
    try {
      const { data, errors } = await queryAllowingPartialData('MyChannel', { id: partnerId, primary: session.role === 'PRIMARY' });
      const { partner, resellerNetwork } = data;
      if (!partner) throw missingRecord(errors, `partner ${partnerId}`);
      const customers = h('div');
      const watchList = h('div', {}, loadingBox('Reading every customer for risks and planned moves…'));
      const primaries = partner.whiteLabelAgreements.filter((a) => a.secondary.id === partner.id && a.status === 'ACTIVE');
      const sections = partnerSections(partner, {
        facts: [
          ['Cores allocated to secondaries', formatNumber(resellerNetwork?.allocatedCores ?? null)],
          ['Buying from', primaries.length ? primaries.map((a) => a.primary.name).join(', ') : '—'],
        ],
        licencesTitle: 'Licences: allocated and available cores',
        allocationsReceivedTitle: 'Cores received from your primary',
      });
      body.replaceChildren(
        ...[
          withheldNotice(errors),
          h('h1', { 'data-partner-name': partner.id }, 'My channel: ', partner.name, ' ', statusBadge(partner.channelStatus)),
          h(
            'p',
            { class: 'lead' },
            `Signed in as ${label('CallerRole', session.role)}. What ${partner.name} looks like to the channel today, and what changed when VCSP closed.`,
          ),
          sections.standing,
          sections.licences,
          session.role === 'PRIMARY' && resellerNetwork ? section('Your secondaries', secondariesTable(resellerNetwork)) : null,
          partner.allocationsReceived.length ? sections.allocationsReceived : null,
          sections.agreements,
          section('Customers at risk or planning a move', watchList),
          section(`Customers (${formatNumber(partner.customerCount)})`, customers),
          sections.memberships,
        ].filter((node) => node !== null),
      );
      void showCustomers(customers);
      void showWatchList(watchList);
    } catch (error) {
      body.replaceChildren(errorBox(error, show));
    }
  }

  /** @param {HTMLElement} container */
  async function showCustomers(container) {
    const pages = urlPager({ perPage: CUSTOMERS_PER_PAGE });
    container.replaceChildren(loadingBox());
    try {
      const page = await customersPage(CUSTOMERS_PER_PAGE, pages.after);
      container.replaceChildren(
        ...customersPaged({
          columns: MY_CUSTOMER_COLUMNS,
          page,
          pages,
          fetchPage: customersPage,
          show: () => showCustomers(container),
          exportAs: 'my-customers.csv',
          empty: 'No customer under an active contract.',
        }),
      );
      markReady(view);
    } catch (error) {
      container.replaceChildren(errorBox(error, () => showCustomers(container)));
    }
  }

  /** @param {HTMLElement} container */
  async function showWatchList(container) {
    try {
      const { nodes, total, complete } = await allRows(customersPage, { limit: WATCH_LIMIT });
      const watched = nodes.filter((c) => watch(c).atRisk.length || watch(c).moves.length);
      const atRisk = watched.filter((c) => watch(c).atRisk.length).length;
      const moving = watched.filter((c) => watch(c).moves.length).length;
      container.replaceChildren(
        h(
          'p',
          { 'data-watch-summary': '' },
          `${formatNumber(atRisk)} of ${formatNumber(total)} customers at risk (served by an excluded provider), ${formatNumber(moving)} planning a move` +
            (complete ? '.' : ` (the first ${formatNumber(nodes.length)} customers read).`),
        ),
        table(WATCH_COLUMNS, watched, {
          caption: 'Customers at risk or planning a move',
          exportAs: 'my-customers-at-risk-or-moving.csv',
          empty: 'None of your customers is at risk or planning a move.',
          attributes: { 'data-table': 'watch' },
        }),
      );
    } catch (error) {
      container.replaceChildren(errorBox(error, () => showWatchList(container)));
    }
  }

  void show();
}
