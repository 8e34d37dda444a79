import { missingRecord, queryAllowingPartialData } from '../api.js';
import { errorBox, formatNumber, h, loadingBox, markReady, section, statusBadge } from '../ui.js';
import { urlPager } from '../paging.js';
import { allocationsGrantedTable, CUSTOMER_COLUMNS, CUSTOMERS_PER_PAGE, customersPaged, partnerSections } from './partner-tables.js';
import { withheldNotice } from './withheld.js';
/** @import { Partner } from './partner-tables.js' */

/** @param {Pick<Partner, 'channelStatus' | 'customerCount'>} partner */
function atRiskFlag(partner) {
  if (partner.channelStatus !== 'EXCLUDED') return null;
  return h(
    'p',
    { class: 'at-risk-flag', 'data-at-risk': '' },
    `At risk: excluded from the Advantage program and not a white-label secondary. Its ${formatNumber(partner.customerCount)} customers need a move to an admitted partner or another platform.`,
  );
}

/** @param {Pick<Partner, 'website'>} partner */
function website(partner) {
  return /^https?:\/\//.test(partner.website ?? '')
    ? h('a', { href: partner.website, rel: 'noopener noreferrer', target: '_blank' }, partner.website)
    : '—';
}

/**
 * One partner: standing, memberships with history, licences, agreements, allocations, customers (the page in the URL).
 * @param {HTMLElement} view
 * @param {string} partnerId
 */
export function renderPartner(view, partnerId) {
  const body = h('div');
  view.append(body);
  /**
   * @param {number} first
   * @param {string | null} after
   */
  const customersPage = async (first, after) => {
    const { data, errors } = await queryAllowingPartialData('PartnerDetail', {
      id: partnerId,
      customersFirst: first,
      customersAfter: after,
    });
    if (!data.partner) throw missingRecord(errors, `partner ${partnerId}`);
    return data.partner.customers;
  };

  async function show() {
    const pages = urlPager({ perPage: CUSTOMERS_PER_PAGE });
    body.replaceChildren(loadingBox());
    try {
      const { data, errors } = await queryAllowingPartialData('PartnerDetail', {
        id: partnerId,
        customersFirst: CUSTOMERS_PER_PAGE,
        customersAfter: pages.after,
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
      const customers = partner.customers;
      const sections = partnerSections(partner, { facts: [['Website', website(partner)]] });
      body.replaceChildren(
        ...[
          withheldNotice(errors),
          h('h1', { 'data-partner-name': partner.id }, partner.name, ' ', statusBadge(partner.channelStatus)),
          atRiskFlag(partner),
          sections.standing,
          sections.memberships,
          sections.licences,
          sections.agreements,
          section('Cores allocated to secondaries', allocationsGrantedTable(partner)),
          sections.allocationsReceived,
          section(
            `Customers (${formatNumber(customers.totalCount)})`,
            ...customersPaged({
              columns: CUSTOMER_COLUMNS,
              page: customers,
              pages,
              fetchPage: customersPage,
              show,
              exportAs: `${partner.id}-customers.csv`,
            }),
          ),
        ].filter((node) => node !== null),
      );
      markReady(view);
    } catch (error) {
      body.replaceChildren(errorBox(error, show));
    }
  }

  void show();
}
