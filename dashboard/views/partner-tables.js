// The tables of one partner, shared by its page (#/partner/<id>) and a partner user's "My channel".
import { label } from '../labels.js';
import { csvRow, formatNumber, h, numberColumn, partnerLink, section, statusBadge, table } from '../ui.js';
import { allRows, connectionPager } from '../paging.js';
/** @import { PartnerDetailQuery } from '../../client/generated/graphql' */
/** @import { Child, Column } from '../ui.js' */
/** @import { Connection, PageFetcher, UrlPager } from '../paging.js' */

/** How many customers a partner's page and "My channel" show at a time. */
export const CUSTOMERS_PER_PAGE = 25;

/**
 * One page of a partner's customers: the table (its CSV export holds every page) and, when they
 * fill more than one page, the pager under it.
 * @template T
 * @param {{
 *   columns: Column<T>[],
 *   page: Connection<T> & { totalCount: number },
 *   pages: UrlPager,
 *   fetchPage: PageFetcher<T>,
 *   show: () => unknown,
 *   exportAs: string,
 *   empty?: string,
 * }} options
 */
export function customersPaged({ columns, page, pages, fetchPage, show, exportAs, empty }) {
  return [
    table(
      columns,
      page.edges.map((e) => e.node),
      {
        caption: 'Customers',
        exportAs,
        exportRows: async (progress) => (await allRows(fetchPage, { progress })).nodes.map((c) => csvRow(columns, c)),
        empty,
      },
    ),
    page.totalCount > CUSTOMERS_PER_PAGE ? connectionPager({ page, pages, fetchPage, show, label: 'Pages of customers' }) : null,
    // Without a pager when one page holds them all (replaceChildren(null) would show the text "null").
  ].filter((node) => node !== null);
}

/**
 * A partner as its page reads it; "My channel" reads the same fields (and some more) for the tables here.
 * @typedef {NonNullable<PartnerDetailQuery['partner']>} Partner
 * @typedef {Partner['customers']['edges'][number]['node']} Customer
 */

/**
 * When a membership started, a licence or allocation starts, or an agreement was signed.
 * @param {{ startedOn?: string, startsOn?: string, signedOn?: string }} row
 */
const startOf = (row) => row.startedOn ?? row.startsOn ?? row.signedOn ?? '';

/**
 * Latest first.
 * @param {{ startedOn?: string, startsOn?: string, signedOn?: string }} a
 * @param {{ startedOn?: string, startsOn?: string, signedOn?: string }} b
 */
export const byStartDesc = (a, b) => startOf(b).localeCompare(startOf(a));

/** @type {Column<{ startsOn: string, endsOn: string | null }>} */
const term = { label: 'Term', cell: (r) => `${r.startsOn} → ${r.endsOn ?? ''}` };
/**
 * A file name from the partner's id and what the table holds.
 * @param {{ id: string }} partner
 * @param {string} what
 */
const file = (partner, what) => `${partner.id}-${what}.csv`;

/**
 * @param {Pick<Partner, 'channelStatus' | 'channelStatusBeforeChange' | 'country' | 'region' | 'category' | 'licensedCores' | 'meetsAdvantageThreshold' | 'customerCount'>} partner
 * @param {[string, Child][]} [extra] more facts: name and value
 */
function standingFacts(partner, extra = []) {
  /** @type {[string, Child][]} */
  const rows = [
    ['Channel status today', statusBadge(partner.channelStatus)],
    ['Before VCSP closed (2024-04-29)', label('ChannelStatus', partner.channelStatusBeforeChange)],
    ['Country', partner.country],
    ['Region', label('Region', partner.region)],
    ['Category', label('PartnerCategory', partner.category)],
    ['Licensed cores', formatNumber(partner.licensedCores)],
    ['Meets the Advantage threshold', partner.meetsAdvantageThreshold === null ? '—' : partner.meetsAdvantageThreshold ? 'Yes' : 'No'],
    ['Customers', formatNumber(partner.customerCount)],
    ...extra,
  ];
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value))),
  );
}

/** @param {Pick<Partner, 'id' | 'memberships'>} partner */
function membershipsTable(partner) {
  return table(
    [
      { label: 'Program', cell: (m) => label('ProgramCode', m.program.code) },
      { label: 'Status', cell: (m) => label('MembershipStatus', m.status) },
      { label: 'Role', cell: (m) => label('WhiteLabelRole', m.role) },
      { label: 'Started', cell: (m) => m.startedOn },
      { label: 'Ended', cell: (m) => m.endedOn ?? '' },
      { label: 'Reason', cell: (m) => m.reason ?? '' },
    ],
    [...partner.memberships].sort(byStartDesc),
    { caption: 'Program memberships', exportAs: file(partner, 'memberships') },
  );
}

/** @param {Pick<Partner, 'id' | 'licences'>} partner */
function licencesTable(partner) {
  return table(
    [
      { label: 'Licence', cell: (l) => l.id },
      { label: 'Product', cell: (l) => label('LicenceProduct', l.product) },
      { label: 'Status', cell: (l) => label('LicenceStatus', l.status) },
      numberColumn('Cores', 'cores'),
      numberColumn('Allocated', 'allocatedCores'),
      numberColumn('Available', 'availableCores'),
      term,
    ],
    [...partner.licences].sort(byStartDesc),
    { caption: 'Licences', exportAs: file(partner, 'licences') },
  );
}

/** @param {Pick<Partner, 'id' | 'whiteLabelAgreements'>} partner */
function agreementsTable(partner) {
  /** @param {{ id: string, name: string }} other */
  const party = (other) => (other.id === partner.id ? 'this partner' : partnerLink(other));
  return table(
    [
      { label: 'Agreement', cell: (a) => a.id },
      { label: 'Status', cell: (a) => label('AgreementStatus', a.status) },
      { label: 'Primary', cell: (a) => party(a.primary), csv: (a) => a.primary.name },
      { label: 'Secondary', cell: (a) => party(a.secondary), csv: (a) => a.secondary.name },
      { label: 'Signed', cell: (a) => a.signedOn },
      { label: 'Ended', cell: (a) => a.endsOn ?? '' },
    ],
    [...partner.whiteLabelAgreements].sort(byStartDesc),
    { caption: 'White-label agreements', exportAs: file(partner, 'agreements') },
  );
}

/** @param {Pick<Partner, 'id' | 'allocationsGranted'>} partner */
export function allocationsGrantedTable(partner) {
  return table(
    [
      { label: 'Secondary', cell: (a) => partnerLink(a.secondary), csv: (a) => a.secondary.name },
      { label: 'Licence', cell: (a) => `${a.licence.id} (${label('LicenceProduct', a.licence.product)})` },
      numberColumn('Cores', 'cores'),
      { label: 'Status', cell: (a) => label('AllocationStatus', a.status) },
      term,
    ],
    [...partner.allocationsGranted].sort(byStartDesc),
    { caption: 'Cores allocated to secondaries', exportAs: file(partner, 'allocations-granted') },
  );
}

/** @param {Pick<Partner, 'id' | 'allocationsReceived'>} partner */
function allocationsReceivedTable(partner) {
  return table(
    [
      { label: 'Primary', cell: (a) => partnerLink(a.licence.holder), csv: (a) => a.licence.holder.name },
      { label: 'Licence', cell: (a) => `${a.licence.id} (${label('LicenceProduct', a.licence.product)})` },
      numberColumn('Cores', 'cores'),
      { label: 'Status', cell: (a) => label('AllocationStatus', a.status) },
      term,
    ],
    [...partner.allocationsReceived].sort(byStartDesc),
    { caption: 'Cores received from primaries', exportAs: file(partner, 'allocations-received') },
  );
}

/**
 * A partner's standing and the sections drawn from its own record, titled alike on its page and on
 * a partner user's "My channel"; each page places them in its own order, and words `licencesTitle`
 * and `allocationsReceivedTitle` for its reader.
 * @param {Parameters<typeof standingFacts>[0] & Pick<Partner, 'id' | 'memberships' | 'licences' | 'whiteLabelAgreements' | 'allocationsReceived'>} partner
 * @param {{ facts?: [string, Child][], licencesTitle?: string, allocationsReceivedTitle?: string }} [options]
 */
export function partnerSections(
  partner,
  { facts = [], licencesTitle = 'Licences', allocationsReceivedTitle = 'Cores received from primaries' } = {},
) {
  return {
    standing: standingFacts(partner, facts),
    memberships: section('Program memberships and history', membershipsTable(partner)),
    licences: section(licencesTitle, licencesTable(partner)),
    agreements: section('White-label agreements', agreementsTable(partner)),
    allocationsReceived: section(allocationsReceivedTitle, allocationsReceivedTable(partner)),
  };
}

/** @type {Column<Customer>[]} */
export const CUSTOMER_COLUMNS = [
  { label: 'Customer', cell: (c) => c.name },
  { label: 'Id', cell: (c) => c.id },
  { label: 'Country', cell: (c) => c.country },
  { label: 'Industry', cell: (c) => label('Industry', c.industry) },
  { label: 'Sovereign cloud', cell: (c) => (c.sovereignCloudRequired ? 'Required' : '') },
];
