import { query } from '../api.js';
import { formatNumber, h, load, section, STATUS_COLOURS, STATUS_LABELS, table } from '../ui.js';

function tile(kpi, label, value, { colour, note } = {}) {
  return h(
    'div',
    { class: 'tile', style: colour ? `border-top-color:${colour}` : null },
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value', 'data-kpi': kpi }, formatNumber(value)),
    note ? h('div', { class: 'tile-note' }, note) : null,
  );
}

/** KPI tiles from channelOverview: one request, each figure from the subgraph that owns it. */
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
            tile(`partners:${s.status}`, `${STATUS_LABELS[s.status] ?? s.status} partners`, s.partners, {
              colour: STATUS_COLOURS[s.status],
            }),
          ),
        ),
        h(
          'div',
          { class: 'tiles' },
          tile('licensedCores', 'Cores licensed', o.licensedCores, { note: 'ACTIVE licences held from the vendor' }),
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
                { label: 'Provider status', cell: (r) => STATUS_LABELS[r.providerStatus] ?? r.providerStatus },
                { label: 'Customers', cell: (r) => formatNumber(r.customers), class: 'number' },
                { label: 'Cores in use', cell: (r) => formatNumber(r.coresInUse), class: 'number' },
              ],
              o.customersByProviderStatus,
            ),
          ),
          section(
            'Migrations by destination',
            table(
              [
                { label: 'Destination', cell: (r) => r.destination },
                { label: 'Migrations', cell: (r) => formatNumber(r.migrations), class: 'number' },
              ],
              o.migrationsByDestination,
            ),
          ),
          section(
            'Migrations by reason',
            table(
              [
                { label: 'Reason', cell: (r) => r.reason },
                { label: 'Migrations', cell: (r) => formatNumber(r.migrations), class: 'number' },
              ],
              o.migrationsByReason,
            ),
          ),
          section(
            'Licensed cores by product',
            table(
              [
                { label: 'Product', cell: (r) => r.product },
                { label: 'Cores', cell: (r) => formatNumber(r.cores), class: 'number' },
              ],
              o.licensedCoresByProduct,
            ),
          ),
        ),
      ];
    },
  );
}
