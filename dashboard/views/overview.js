import { query } from '../api.js';
import { label } from '../labels.js';
import { formatNumber, h, load, section, STATUS_COLOURS, table } from '../ui.js';
/** @import { Child, Column } from '../ui.js' */

/**
 * @param {string} kpi the tile's `data-kpi`, for the browser tests
 * @param {string} title
 * @param {number | null | undefined} value
 * @param {{ colour?: string, note?: Child }} [options]
 */
function tile(kpi, title, value, { colour, note } = {}) {
  return h(
    'div',
    { class: 'tile', style: colour ? `border-top-color:${colour}` : null },
    h('div', { class: 'tile-label' }, title),
    h('div', { class: 'tile-value', 'data-kpi': kpi }, formatNumber(value)),
    note ? h('div', { class: 'tile-note' }, note) : null,
  );
}

/**
 * @template T
 * @param {string} title
 * @param {(row: T) => number} cell
 * @returns {Column<T>}
 */
const count = (title, cell) => ({ label: title, cell: (r) => formatNumber(cell(r)), csv: cell, class: 'number' });

/**
 * KPI tiles from channelOverview: one request, each figure from the subgraph that owns it.
 * @param {HTMLElement} view
 */
export function renderOverview(view) {
  const body = h('div');
  view.append(h('h1', {}, 'The channel today'), body);
  load(
    body,
    () => query('ChannelOverview'),
    ({ channelOverview: o }) => {
      const atRisk = o.customersByProviderStatus.find((s) => s.providerStatus === 'EXCLUDED');
      const migrations = o.migrationsByReason.reduce((sum, m) => sum + m.migrations, 0);
      return [
        h(
          'div',
          { class: 'tiles' },
          tile('partners', 'Partners', o.partnerCount),
          o.partnersByChannelStatus.map((s) =>
            tile(`partners:${s.status}`, `${label('ChannelStatus', s.status)} partners`, s.partners, {
              colour: STATUS_COLOURS[s.status],
            }),
          ),
        ),
        h(
          'div',
          { class: 'tiles' },
          tile('licensedCores', 'Cores licensed', o.licensedCores, { note: 'Active licences held from the vendor' }),
          tile('allocatedCores', 'Cores allocated', o.allocatedCores, { note: 'by primaries to secondaries' }),
          tile('activeAgreements', 'Active white-label agreements', o.activeAgreements),
          tile('customers', 'Customers', o.customerCount),
          tile('customersAtRisk', 'Customers at risk', atRisk?.customers ?? 0, {
            colour: STATUS_COLOURS.EXCLUDED,
            note: h('a', { href: '#/at-risk' }, 'served by excluded providers →'),
          }),
          tile('migrations', 'Customer migrations', migrations),
        ),
        h(
          'div',
          { class: 'columns' },
          section(
            'Customers by provider status',
            table(
              [
                { label: 'Provider status', cell: (r) => label('ChannelStatus', r.providerStatus) },
                count('Customers', (r) => r.customers),
                count('Cores in use', (r) => r.coresInUse),
              ],
              o.customersByProviderStatus,
              { exportAs: 'customers-by-provider-status.csv', caption: 'Customers by provider status' },
            ),
          ),
          section(
            'Migrations by destination',
            table(
              [{ label: 'Destination', cell: (r) => r.destination }, count('Migrations', (r) => r.migrations)],
              o.migrationsByDestination,
              {
                exportAs: 'migrations-by-destination.csv',
                caption: 'Migrations by destination',
              },
            ),
          ),
          section(
            'Migrations by reason',
            table(
              [{ label: 'Reason', cell: (r) => label('MigrationReason', r.reason) }, count('Migrations', (r) => r.migrations)],
              o.migrationsByReason,
              { exportAs: 'migrations-by-reason.csv', caption: 'Migrations by reason' },
            ),
          ),
          section(
            'Licensed cores by product',
            table(
              [{ label: 'Product', cell: (r) => label('LicenceProduct', r.product) }, count('Cores', (r) => r.cores)],
              o.licensedCoresByProduct,
              {
                exportAs: 'licensed-cores-by-product.csv',
                caption: 'Licensed cores by product',
              },
            ),
          ),
          section(
            'Partners by category',
            table(
              [{ label: 'Category', cell: (r) => label('PartnerCategory', r.category) }, count('Partners', (r) => r.partners)],
              o.partnersByCategory,
              { exportAs: 'partners-by-category.csv', caption: 'Partners by category' },
            ),
          ),
          section(
            'Partners by region',
            table([{ label: 'Region', cell: (r) => label('Region', r.region) }, count('Partners', (r) => r.partners)], o.partnersByRegion, {
              exportAs: 'partners-by-region.csv',
              caption: 'Partners by region',
            }),
          ),
        ),
      ];
    },
  );
}
