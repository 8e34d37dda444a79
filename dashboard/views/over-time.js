import { ApiError, query } from '../api.js';
import { LABELS, label } from '../labels.js';
import { formatNumber, h, load, section, setViewParams, STATUS_COLOURS, table, viewParams } from '../ui.js';
/** @import { ChannelTimelineQuery, TimelineInterval } from '../../client/generated/graphql' */
/** @import { Chart as ChartJs, ChartConfiguration, Plugin } from 'chart.js' */
/** @import { Column } from '../ui.js' */
/**
 * @typedef {ChannelTimelineQuery['channelTimeline']} Timeline
 * @typedef {Timeline['periods'][number]} Period
 * @typedef {Period['migrationsDecided'][number]} Decision
 * @typedef {{ name: string, colour: string, value: (period: Period) => number }} Series
 * @typedef {{ id: string, title: string, note: string, type: 'line' | 'bar', series: Series[] }} ChartSpec
 * @typedef {{ index: number | null, day: string | null, label: string }} DayMarker
 */

// Chart.js, served by the gateway from node_modules (no CDN), loaded the first time this view opens.
const CHART_LIBRARY = '/vendor/chart.umd.min.js';
/** @type {Promise<typeof ChartJs> | null} */
let chartLibrary = null;

/** @returns {Promise<typeof ChartJs>} */
function loadChartLibrary() {
  chartLibrary ??= new Promise((resolve, reject) => {
    if (window.Chart) return resolve(window.Chart);
    const script = h('script', { src: CHART_LIBRARY });
    script.addEventListener('load', () =>
      window.Chart ? resolve(window.Chart) : reject(new ApiError(`${CHART_LIBRARY} defined no Chart.`, 'DASHBOARD_ERROR')),
    );
    script.addEventListener('error', () => {
      chartLibrary = null;
      script.remove();
      reject(new ApiError(`Could not load the chart library (${CHART_LIBRARY}).`, 'DASHBOARD_ERROR'));
    });
    document.head.append(script);
  });
  return chartLibrary;
}

/** Colours for series that are not channel statuses, each with AA contrast on white. */
const PALETTE = ['#1d4ed8', '#b45309', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#4b5563', '#be185d'];
const INK = '#111827';

// Dates as people write them, spelled out here rather than by Intl, whose short month names vary
// between ICU versions ("Sep" or "Sept"); CSV files and tests need one spelling.
const MONTHS = /** @type {const} */ ([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);
/** @param {string} day YYYY-MM-DD */
const partsOf = (day) => ({ year: day.slice(0, 4), month: MONTHS[Number(day.slice(5, 7)) - 1], date: Number(day.slice(8, 10)) });
/** @param {string} day */
const longDay = (day) => {
  const { year, month, date } = partsOf(day);
  return `${date} ${month} ${year}`;
};
/** @param {string} day */
const shortDay = (day) => {
  const { year, month, date } = partsOf(day);
  return `${date} ${month.slice(0, 3)} ${year}`;
};

/**
 * How a period is named on the axis, in tooltips and in the tables: "Feb 2024", or "Week of 5 Feb 2024".
 * @param {Pick<Period, 'startsOn'>} period
 * @param {TimelineInterval} interval
 */
function periodName(period, interval) {
  if (interval === 'WEEK') return `Week of ${shortDay(period.startsOn)}`;
  const { year, month } = partsOf(period.startsOn);
  return `${month.slice(0, 3)} ${year}`;
}

/**
 * Draws a dashed vertical line at the period holding a day (VCSP's closing day), labelled. Its
 * options: { index, label } (index null: the day is outside the timeline).
 */
/** @type {Plugin<'line' | 'bar', DayMarker>} */
const dayMarker = {
  id: 'dayMarker',
  afterDatasetsDraw(chart, _args, options) {
    if (options.index === null || options.index === undefined) return;
    const x = chart.scales.x.getPixelForValue(options.index);
    const { top, bottom, right } = chart.chartArea;
    const { ctx } = chart;
    ctx.save();
    ctx.strokeStyle = INK;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = INK;
    ctx.font = '12px system-ui, sans-serif';
    const width = ctx.measureText(options.label).width;
    ctx.textAlign = x + 6 + width > right ? 'right' : 'left';
    ctx.fillText(options.label, ctx.textAlign === 'right' ? x - 6 : x + 6, top + 12);
    ctx.restore();
  },
};

/**
 * @param {Period} period
 * @param {keyof typeof LABELS.ChannelStatus} status
 */
const statusOf = (period, status) => period.partnersByChannelStatus.find((s) => s.status === status)?.partners ?? 0;
/**
 * @param {Period} period
 * @param {(decision: Decision) => boolean} match
 */
const decided = (period, match) => period.migrationsDecided.filter(match).reduce((sum, m) => sum + m.migrations, 0);

/**
 * The charts of the view: each a figure over the periods, with its series (one column each in the table beneath).
 * @param {Period[]} periods
 * @returns {ChartSpec[]}
 */
function chartsOf(periods) {
  const destinations = [...new Set(periods.flatMap((p) => p.migrationsDecided.map((m) => m.destination)))].sort((a, b) =>
    a === 'VMware provider' ? -1 : b === 'VMware provider' ? 1 : a.localeCompare(b),
  );
  return [
    {
      id: 'partners',
      title: 'Partners by channel status',
      note: 'Partners of each channel status on the last day of each period.',
      type: 'line',
      series: /** @type {(keyof typeof LABELS.ChannelStatus)[]} */ (Object.keys(LABELS.ChannelStatus)).map((status) => ({
        name: label('ChannelStatus', status),
        colour: STATUS_COLOURS[status],
        value: (p) => statusOf(p, status),
      })),
    },
    {
      id: 'agreements',
      title: 'White-label agreements in force',
      note: 'Agreements between a primary and a secondary in force on the last day of each period.',
      type: 'line',
      series: [{ name: 'Agreements', colour: STATUS_COLOURS.SECONDARY, value: (p) => p.activeAgreements }],
    },
    {
      id: 'allocated-cores',
      title: 'Cores allocated to secondaries',
      note: "Cores of primaries' licences in allocations to secondaries in force on the last day of each period.",
      type: 'line',
      series: [{ name: 'Cores allocated', colour: STATUS_COLOURS.PRIMARY, value: (p) => p.allocatedCores }],
    },
    {
      id: 'at-risk',
      title: 'Customers at risk',
      note: 'Customers with a contract in force on the last day of each period with a provider excluded on that day.',
      type: 'line',
      series: [{ name: 'Customers at risk', colour: STATUS_COLOURS.EXCLUDED, value: (p) => p.customersAtRisk }],
    },
    {
      id: 'migrations-by-destination',
      title: 'Migrations decided, by destination',
      note: 'Customer migrations decided within each period, by where the customer goes ("VMware provider": another provider of the channel).',
      type: 'bar',
      series: destinations.map((destination, index) => ({
        name: destination,
        colour: PALETTE[index % PALETTE.length],
        value: (p) => decided(p, (m) => m.destination === destination),
      })),
    },
    {
      id: 'migrations-by-status',
      title: 'Migrations decided, by status',
      note: 'Customer migrations decided within each period, by their status today.',
      type: 'bar',
      series: /** @type {(keyof typeof LABELS.MigrationStatus)[]} */ (Object.keys(LABELS.MigrationStatus)).map((status, index) => ({
        name: label('MigrationStatus', status),
        colour: PALETTE[index % PALETTE.length],
        value: (p) => decided(p, (m) => m.status === status),
      })),
    },
  ];
}

/**
 * Charts drawn by this view; those whose canvas left the page (another view was opened) are released.
 * @type {ChartJs<'line' | 'bar'>[]}
 */
let drawnCharts = [];

/**
 * @param {typeof ChartJs} Chart
 * @param {HTMLCanvasElement} canvas
 * @param {ChartSpec} chart
 * @param {Period[]} periods
 * @param {TimelineInterval} interval
 * @param {DayMarker} marker
 */
function drawChart(Chart, canvas, chart, periods, interval, marker) {
  drawnCharts = drawnCharts.filter((drawn) => drawn.canvas?.isConnected || (drawn.destroy(), false));
  const stacked = chart.type === 'bar';
  /** @type {ChartConfiguration<'line' | 'bar', number[], string>} */
  const config = {
    type: chart.type,
    data: {
      labels: periods.map((p) => periodName(p, interval)),
      datasets: chart.series.map((series) => ({
        label: series.name,
        data: periods.map(series.value),
        borderColor: series.colour,
        backgroundColor: series.colour,
        borderWidth: 2,
        pointRadius: periods.length > 60 ? 0 : 2,
        pointHoverRadius: 4,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked, ticks: { color: INK, maxRotation: 0, autoSkip: true } },
        y: { stacked, beginAtZero: true, ticks: { color: INK, precision: 0 } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: INK, boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => {
              const period = periods[items[0]?.dataIndex ?? 0];
              return period ? `${periodName(period, interval)} (${shortDay(period.startsOn)} – ${shortDay(period.endsOn)})` : '';
            },
            label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y)}`,
          },
        },
        dayMarker: marker,
      },
    },
    plugins: [dayMarker],
  };
  const drawn = new Chart(canvas, config);
  drawnCharts.push(drawn);
  return drawn;
}

/**
 * One chart, the note on what it counts, and its table beneath (exportable as CSV).
 * @param {typeof ChartJs} Chart
 * @param {ChartSpec} chart
 * @param {Period[]} periods
 * @param {TimelineInterval} interval
 * @param {DayMarker} marker
 */
function chartSection(Chart, chart, periods, interval, marker) {
  const [first, last] = [periods[0], periods.at(-1)];
  const canvas = h('canvas', {
    role: 'img',
    'data-chart': chart.id,
    'aria-label': `${chart.title}${first && last ? `, ${periodName(first, interval)} to ${periodName(last, interval)}` : ''}: ${
      chart.type === 'bar' ? 'stacked bar chart' : 'line chart'
    }. The figures are in the table below.`,
  });
  /** @type {Column<Period>[]} */
  const columns = [
    { label: interval === 'WEEK' ? 'Week' : 'Month', cell: (p) => periodName(p, interval) },
    { label: 'From', cell: (p) => p.startsOn },
    { label: 'To', cell: (p) => p.endsOn },
    ...chart.series.map(
      (series) =>
        /** @type {Column<Period>} */ ({
          label: series.name,
          cell: (p) => formatNumber(series.value(p)),
          csv: (p) => series.value(p),
          class: 'number',
        }),
    ),
  ];
  const block = section(
    chart.title,
    h('p', { class: 'chart-note' }, chart.note),
    h(
      'figure',
      { class: 'chart' },
      h('div', { class: 'chart-box' }, canvas),
      marker.index === null || marker.day === null
        ? null
        : h(
            'figcaption',
            { class: 'chart-caption', 'data-day-marker': marker.day },
            `Dashed line: ${marker.label} (${longDay(marker.day)}).`,
          ),
    ),
    table(columns, periods, {
      exportAs: `over-time-${chart.id}${interval === 'WEEK' ? '-weekly' : ''}.csv`,
      caption: `${chart.title} by ${interval === 'WEEK' ? 'week' : 'month'}`,
      attributes: { 'data-table': chart.id },
    }),
  );
  block.dataset.overTime = chart.id;
  // Drawn once the section is in the page, so Chart.js can measure its box.
  queueMicrotask(() => drawChart(Chart, canvas, chart, periods, interval, marker));
  return block;
}

/**
 * The channel over time (`ChannelTimeline`), from the programme change's announcement (the day
 * Broadcom's Advantage programme launched) to today, by month or week (in the URL: `interval`),
 * with VCSP's closing day marked on every chart.
 * @param {HTMLElement} view
 */
export function renderOverTime(view) {
  /** @type {TimelineInterval} */
  const interval = viewParams().get('interval') === 'WEEK' ? 'WEEK' : 'MONTH';
  /**
   * @param {TimelineInterval} value
   * @param {string} text
   */
  const choice = (value, text) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'interval',
        value,
        checked: value === interval,
        onchange: () => {
          setViewParams({ interval: value === 'MONTH' ? null : value });
          view.replaceChildren();
          delete view.dataset.ready;
          renderOverTime(view);
        },
      }),
      text,
    );
  const lead = h('p', { class: 'lead' }, 'Loading the programme dates…');
  const body = h('div');
  view.append(
    h('h1', {}, 'The channel over time'),
    lead,
    h(
      'fieldset',
      { class: 'toolbar interval' },
      h('legend', {}, 'Periods'),
      choice('MONTH', label('TimelineInterval', 'MONTH')),
      choice('WEEK', label('TimelineInterval', 'WEEK')),
    ),
    body,
  );
  void load(
    body,
    async () => {
      const [{ programs }, Chart] = await Promise.all([query('ProgramMilestones'), loadChartLibrary()]);
      const advantage = programs.find((p) => p.code === 'ADVANTAGE');
      const vcsp = programs.find((p) => p.code === 'VCSP');
      if (!advantage) throw new ApiError('The API lists no ADVANTAGE program: the timeline has no start.', 'DASHBOARD_ERROR');
      const { channelTimeline } = await query('ChannelTimeline', { from: advantage.launchedOn, interval });
      return { Chart, advantage, vcsp, timeline: channelTimeline };
    },
    ({ Chart, advantage, vcsp, timeline }) => {
      const { periods } = timeline;
      const closedOn = vcsp?.closedOn ?? null;
      const index = closedOn ? periods.findIndex((p) => p.startsOn <= closedOn && closedOn <= p.endsOn) : -1;
      /** @type {DayMarker} */
      const marker = { index: index < 0 ? null : index, day: closedOn, label: 'VCSP closed' };
      lead.replaceChildren(
        `From ${longDay(timeline.from)}, when ${advantage.name} launched and the programme change was announced, to today (${longDay(
          timeline.to,
        )}), ${interval === 'WEEK' ? 'week' : 'month'} by ${interval === 'WEEK' ? 'week' : 'month'}. `,
        'Standings are those on the last day of each period; migrations are those decided within it. ',
        closedOn ? `The dashed line marks the day VCSP closed (${longDay(closedOn)}).` : '',
      );
      return h(
        'div',
        { class: 'charts' },
        chartsOf(periods).map((chart) => chartSection(Chart, chart, periods, timeline.interval, marker)),
      );
    },
  );
}
