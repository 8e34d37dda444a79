import { query } from '../api.js';
import { label } from '../labels.js';
import { debounce, errorBox, formatNumber, h, markReady, partnerLink, setViewParams, statusBadge, table, viewParams } from '../ui.js';
/** @import { Child } from '../ui.js' */

const LISTED = 10;
const MAX_THRESHOLD = 20_000;
const STEP = 250;

/**
 * @param {string} kpi the tile's `data-kpi`, for the browser tests
 * @param {string} label
 * @param {number} value
 * @param {Child} [note]
 */
function figure(kpi, label, value, note) {
  return h(
    'div',
    { class: 'tile' },
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value', 'data-kpi': kpi }, formatNumber(value)),
    note ? h('div', { class: 'tile-note' }, note) : null,
  );
}

/** @param {number} n */
const signed = (n) => (n > 0 ? `+${formatNumber(n)}` : formatNumber(n));

/**
 * Advantage admission at another number of licensed cores (in the URL: `threshold`): who qualifies, who not, and their customers.
 * @param {HTMLElement} view
 */
export function renderWhatIf(view) {
  const fromUrl = Number.parseInt(viewParams().get('threshold') ?? '', 10);
  const asked = Number.isInteger(fromUrl) && fromUrl >= 0 && fromUrl <= MAX_THRESHOLD ? fromUrl : null;
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: MAX_THRESHOLD,
    step: STEP,
    id: 'threshold',
    disabled: true,
    'aria-label': 'Minimum licensed cores',
  });
  const sliderValue = h('output', { for: 'threshold', 'data-threshold': '' }, '…');
  const state = h('div', { class: 'state' });
  const results = h('div');
  view.append(
    h('h1', {}, 'Threshold what-if'),
    h(
      'p',
      { class: 'lead' },
      'Broadcom admitted partners with at least 3,500 licensed cores. Move the slider to see who would qualify at another threshold.',
    ),
    h('div', { class: 'slider' }, h('label', { for: 'threshold' }, 'Minimum licensed cores: ', sliderValue), slider),
    state,
    results,
  );
  let latest = 0;

  /** @param {number | null} minLicensedCores null: today's threshold */
  async function show(minLicensedCores) {
    const request = ++latest;
    state.replaceChildren(h('span', { class: 'updating', role: 'status' }, 'Updating…'));
    results.classList.add('stale');
    try {
      const { thresholdWhatIf: s } = await query('ThresholdWhatIf', { minLicensedCores, first: LISTED });
      if (request !== latest) return;
      if (slider.disabled) {
        slider.value = String(s.minLicensedCores);
        slider.disabled = false;
      }
      sliderValue.textContent = formatNumber(s.minLicensedCores);
      state.replaceChildren();
      results.classList.remove('stale');
      results.replaceChildren(
        h(
          'div',
          { class: 'tiles' },
          figure('whatif:qualifying', 'Would qualify', s.qualifyingCount, `admitted today: ${formatNumber(s.admittedToday)}`),
          figure('whatif:nonQualifying', 'Would not qualify', s.nonQualifyingCount),
          figure('whatif:newlyQualifying', 'Newly qualifying', s.newlyQualifying),
          figure('whatif:noLongerQualifying', 'No longer qualifying', s.noLongerQualifying),
          figure(
            'whatif:customers',
            'Customers of non-qualifying partners',
            s.customersOfNonQualifying,
            `${signed(s.customersOfNonQualifying - s.customersOfNonQualifyingToday)} against today's ${formatNumber(s.customersOfNonQualifyingToday)} (threshold ${formatNumber(s.baselineMinLicensedCores)})`,
          ),
        ),
        h(
          'div',
          { class: 'columns' },
          h(
            'section',
            { class: 'panel' },
            h('h2', {}, `Qualifying, by licensed cores (${formatNumber(s.qualifyingPartners.totalCount)})`),
            table(
              [
                { label: 'Partner', cell: (p) => partnerLink(p), csv: (p) => p.name },
                { label: 'Status today', cell: (p) => statusBadge(p.channelStatus), csv: (p) => label('ChannelStatus', p.channelStatus) },
                { label: 'Licensed cores', cell: (p) => formatNumber(p.licensedCores), csv: (p) => p.licensedCores, class: 'number' },
              ],
              s.qualifyingPartners.edges.map((e) => e.node),
              { caption: 'Qualifying partners', exportAs: `qualifying-at-${s.minLicensedCores}.csv` },
            ),
          ),
          h(
            'section',
            { class: 'panel' },
            h('h2', {}, `Not qualifying, and the customers they serve (${formatNumber(s.nonQualifyingPartners.totalCount)})`),
            table(
              [
                { label: 'Partner', cell: (p) => partnerLink(p), csv: (p) => p.name },
                { label: 'Status today', cell: (p) => statusBadge(p.channelStatus), csv: (p) => label('ChannelStatus', p.channelStatus) },
                { label: 'Licensed cores', cell: (p) => formatNumber(p.licensedCores), csv: (p) => p.licensedCores, class: 'number' },
                { label: 'Customers', cell: (p) => formatNumber(p.customerCount), csv: (p) => p.customerCount, class: 'number' },
              ],
              s.nonQualifyingPartners.edges.map((e) => e.node),
              { caption: 'Partners not qualifying', exportAs: `not-qualifying-at-${s.minLicensedCores}.csv` },
            ),
          ),
        ),
      );
      markReady(view);
    } catch (error) {
      if (request !== latest) return;
      state.replaceChildren(errorBox(error, () => show(minLicensedCores)));
    }
  }

  const showDebounced = debounce(show, 200);
  slider.addEventListener('input', () => {
    sliderValue.textContent = formatNumber(Number(slider.value));
    setViewParams({ threshold: slider.value });
    showDebounced(Number(slider.value));
  });
  // Without a threshold in the URL: today's, which also places the slider.
  show(asked);
}
