import { queryAllowingPartialData } from '../api.js';
import { label } from '../labels.js';
import { errorBox, formatNumber, h, loadingBox, markReady, partnerLink, setViewParams, STATUS_COLOURS, table, viewParams } from '../ui.js';
import { withheldNotice } from './withheld.js';
/** @import { ChannelStatus, WhoResellsWhatToWhomQuery } from '../../client/generated/graphql' */
/** @import { GraphQLError } from '../api.js' */
/**
 * @typedef {WhoResellsWhatToWhomQuery['whiteLabelAgreements']['edges'][number]} AgreementEdge
 * @typedef {AgreementEdge['node']} Agreement
 */

/** Agreements fetched per "load more"; the graph never draws more than NODE_LIMIT nodes. */
const AGREEMENTS_PER_PAGE = 20;
const NODE_LIMIT = 400;
/** Customers drawn per secondary (the user picks), so one big reseller cannot fill the picture. */
const CUSTOMER_CHOICES = [12, 3, 0];

/** Node area grows with cores: primaries by licensed cores, secondaries by cores allocated to them, customers by cores in use. */
/** @param {number | null | undefined} cores */
const sizeFor = (cores) => Math.round(Math.min(90, 12 + Math.sqrt(Math.max(0, cores ?? 0)) * 0.6));

/**
 * The provider relationship graph from the headline operation: primaries → secondaries (active
 * white-label agreements) → the customers each serves, a page of agreements at a time. The URL
 * keeps how many customers are drawn (`customers`) and how many agreements are loaded (`agreements`);
 * the agreements drawn are also a table beneath (for screen readers, and to export).
 * @param {HTMLElement} view
 */
export function renderNetwork(view) {
  const params = viewParams();
  const drawnFromUrl = Number(params.get('customers'));
  const agreementsFromUrl = Math.max(AGREEMENTS_PER_PAGE, Number.parseInt(params.get('agreements') ?? '', 10) || AGREEMENTS_PER_PAGE);
  const status = h('p', { class: 'graph-status', 'data-graph-status': '' });
  const loadMore = h('button', { type: 'button', disabled: true }, `Load ${AGREEMENTS_PER_PAGE} more agreements`);
  const customersPerSecondary = h(
    'select',
    { id: 'customers-per-secondary' },
    CUSTOMER_CHOICES.map((n) =>
      h(
        'option',
        { value: String(n), selected: params.has('customers') && drawnFromUrl === n },
        n === 0 ? 'no customers (more agreements fit)' : `up to ${n} customers per secondary`,
      ),
    ),
  );
  const messages = h('div');
  const selection = h('div', { class: 'graph-selection' }, 'Click a provider to open its page.');
  const canvas = h('div', {
    class: 'graph',
    id: 'network-graph',
    role: 'img',
    'aria-label': 'Graph of primaries, their secondaries and the customers they serve; the same agreements are listed in the table below.',
  });
  const agreementsTable = h('div');
  view.append(
    h('h1', {}, 'Who resells whose licences to whom'),
    h(
      'div',
      { class: 'toolbar' },
      loadMore,
      h('label', {}, 'Draw ', customersPerSecondary),
      h(
        'span',
        { class: 'legend' },
        /** @type {const} */ (['PRIMARY', 'SECONDARY', 'CUSTOMER']).map((key) =>
          h(
            'span',
            {},
            h('i', { style: `background:${STATUS_COLOURS[key]}` }),
            key === 'CUSTOMER' ? 'Customer' : label('ChannelStatus', key),
          ),
        ),
      ),
    ),
    status,
    messages,
    h('div', { class: 'graph-wrap' }, canvas, selection),
    h('details', { class: 'panel' }, h('summary', {}, 'The agreements drawn, as a table'), agreementsTable),
  );

  if (typeof window.cytoscape !== 'function') {
    messages.replaceChildren(errorBox({ code: 'DASHBOARD_ERROR', message: 'cytoscape did not load from /vendor/cytoscape.min.js.' }));
    return;
  }
  const cy = window.cytoscape({
    container: canvas,
    minZoom: 0.1,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          width: 'data(size)',
          height: 'data(size)',
          label: 'data(label)',
          'font-size': 9,
          color: '#111827',
          'text-valign': 'bottom',
          'text-margin-y': 2,
        },
      },
      { selector: 'node[kind = "customer"]', style: { label: '', 'border-width': 0 } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#111827', label: 'data(label)' } },
      { selector: 'edge', style: { width: 1, 'line-color': '#cbd5e1', 'curve-style': 'haystack' } },
      { selector: 'edge[kind = "agreement"]', style: { width: 2, 'line-color': '#93c5fd' } },
    ],
  });
  // For the browser tests and the curious: the graph as cytoscape holds it.
  window.channelGraph = cy;

  /** @type {string | null} */
  let after = null;
  /** @type {number | null} */
  let totalAgreements = null;
  let loadedAgreements = 0;
  // Changing how many customers to draw starts the picture again; pages asked for before are dropped.
  let generation = 0;
  let customersLeftOut = 0;
  /**
   * Every agreement loaded, for the table beneath the graph.
   * @type {Agreement[]}
   */
  let loaded = [];
  /** @type {GraphQLError[]} */
  let withheld = [];

  /**
   * Adds a node unless the picture is full; false when it is not (or no longer) drawn.
   * @param {string} id
   * @param {Record<string, unknown>} data
   */
  const addNode = (id, data) => {
    if (cy.getElementById(id).nonempty()) return true;
    if (cy.nodes().length >= NODE_LIMIT) return false;
    cy.add({ group: 'nodes', data: { id, ...data } });
    return true;
  };
  /**
   * @param {string} source
   * @param {string} target
   * @param {'agreement' | 'contract'} kind
   */
  const addEdge = (source, target, kind) => {
    const id = `${kind}:${source}:${target}`;
    if (cy.getElementById(id).empty()) cy.add({ group: 'edges', data: { id, source, target, kind } });
  };
  /**
   * @param {{ id: string, name: string, channelStatus: ChannelStatus }} partner
   * @param {number | null} cores
   */
  const partnerNode = (partner, cores) => ({
    kind: 'partner',
    partnerId: partner.id,
    label: partner.name,
    status: partner.channelStatus,
    cores,
    size: sizeFor(cores),
    colour: STATUS_COLOURS[partner.channelStatus] ?? STATUS_COLOURS.NOT_ENROLLED,
  });

  /** @param {AgreementEdge[]} edges */
  function addAgreements(edges) {
    cy.startBatch();
    for (const { node: agreement } of edges) {
      const { primary, secondary } = agreement;
      const allocated = agreement.allocations.reduce((sum, a) => sum + a.cores, 0);
      const primaryShown = addNode(`p:${primary.id}`, partnerNode(primary, primary.licensedCores));
      const secondaryShown = addNode(`p:${secondary.id}`, partnerNode(secondary, allocated));
      if (primaryShown && secondaryShown) addEdge(`p:${primary.id}`, `p:${secondary.id}`, 'agreement');
      if (!secondaryShown) continue;
      const cores = new Map();
      const customers = new Map();
      for (const contract of agreement.allocations.flatMap((a) => a.contracts)) {
        customers.set(contract.customer.id, contract.customer);
        cores.set(contract.customer.id, (cores.get(contract.customer.id) ?? 0) + contract.coresInUse);
      }
      let drawn = 0;
      for (const customer of customers.values()) {
        const id = `c:${customer.id}`;
        const shown =
          drawn < Number(customersPerSecondary.value) &&
          addNode(id, {
            kind: 'customer',
            label: customer.name,
            detail: `${customer.name} (${customer.country}, ${label('Industry', customer.industry)}): ${cores.get(customer.id)} cores with ${secondary.name}`,
            size: sizeFor(cores.get(customer.id)) * 0.6,
            colour: STATUS_COLOURS.CUSTOMER,
          });
        if (shown) {
          drawn += 1;
          addEdge(`p:${secondary.id}`, id, 'contract');
        } else customersLeftOut += 1;
      }
    }
    cy.endBatch();
    cy.layout({ name: 'cose', animate: false, randomize: false, numIter: 600, nodeRepulsion: () => 6000, idealEdgeLength: () => 40 }).run();
  }

  function showStatus() {
    const partners = cy.nodes('[kind = "partner"]').length;
    const customers = cy.nodes('[kind = "customer"]').length;
    const full = cy.nodes().length >= NODE_LIMIT;
    status.textContent =
      `${formatNumber(loadedAgreements)} of ${formatNumber(totalAgreements)} active agreements: ${formatNumber(partners)} providers, ${formatNumber(customers)} customers` +
      (customersLeftOut ? ` (${formatNumber(customersLeftOut)} customer links not drawn)` : '') +
      (full
        ? `. The picture holds ${NODE_LIMIT} nodes at most: draw fewer customers to fit more agreements, or open a partner for the rest.`
        : '.');
    status.dataset.nodes = String(cy.nodes().length);
    loadMore.disabled = full || after === null;
  }

  function showTable() {
    /** @param {Agreement} a */
    const customersOf = (a) => new Set(a.allocations.flatMap((allocation) => allocation.contracts.map((c) => c.customer.id))).size;
    /** @param {Agreement} a */
    const coresOf = (a) => a.allocations.reduce((sum, allocation) => sum + allocation.cores, 0);
    agreementsTable.replaceChildren(
      table(
        [
          { label: 'Agreement', cell: (a) => a.id },
          { label: 'Primary', cell: (a) => partnerLink(a.primary), csv: (a) => a.primary.name },
          { label: 'Secondary', cell: (a) => partnerLink(a.secondary), csv: (a) => a.secondary.name },
          { label: 'Signed', cell: (a) => a.signedOn },
          { label: 'Cores allocated', cell: (a) => formatNumber(coresOf(a)), csv: coresOf, class: 'number' },
          { label: 'Customers', cell: (a) => formatNumber(customersOf(a)), csv: customersOf, class: 'number' },
        ],
        loaded,
        { caption: 'Agreements drawn', exportAs: 'white-label-agreements.csv', empty: 'No agreement loaded yet.' },
      ),
    );
  }

  /** Loads the next page of agreements (or, the first time, as many as the URL says). */
  async function loadPage(wanted = loadedAgreements + AGREEMENTS_PER_PAGE) {
    loadMore.disabled = true;
    messages.replaceChildren(loadingBox('Loading agreements…'));
    const asked = generation;
    try {
      /** @type {AgreementEdge[]} */
      const edges = [];
      do {
        const { data, errors } = await queryAllowingPartialData('WhoResellsWhatToWhom', {
          first: Math.min(100, wanted - loadedAgreements - edges.length),
          after,
        });
        if (asked !== generation) return;
        const page = data.whiteLabelAgreements;
        withheld = [...withheld, ...errors];
        totalAgreements = page.totalCount;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        edges.push(...page.edges);
      } while (after && loadedAgreements + edges.length < wanted);
      loadedAgreements += edges.length;
      loaded = [...loaded, ...edges.map((e) => e.node)];
      messages.replaceChildren(...[withheldNotice(withheld)].filter((node) => node !== null));
      addAgreements(edges);
      if (loaded.length === 0) messages.replaceChildren(h('p', { class: 'empty' }, 'No active white-label agreements.'));
      setViewParams({ agreements: loadedAgreements > AGREEMENTS_PER_PAGE ? loadedAgreements : null });
      showStatus();
      showTable();
      markReady(view);
    } catch (error) {
      if (asked !== generation) return;
      messages.replaceChildren(errorBox(error, () => loadPage(wanted)));
      loadMore.disabled = after === null && totalAgreements !== null;
    }
  }

  cy.on('tap', 'node', (event) => {
    const node = event.target;
    if (node.data('kind') === 'partner') {
      location.hash = `#/partner/${encodeURIComponent(node.data('partnerId'))}`;
    } else {
      selection.textContent = node.data('detail');
    }
  });
  cy.on('mouseover', 'node[kind = "partner"]', (event) => {
    const data = event.target.data();
    selection.textContent = `${data.label}: ${label('ChannelStatus', data.status)}, ${formatNumber(data.cores)} cores. Click to open.`;
  });
  loadMore.addEventListener('click', () => loadPage());
  customersPerSecondary.addEventListener('change', () => {
    generation += 1;
    cy.elements().remove();
    after = null;
    loadedAgreements = 0;
    customersLeftOut = 0;
    loaded = [];
    withheld = [];
    setViewParams({
      customers: customersPerSecondary.value === String(CUSTOMER_CHOICES[0]) ? null : customersPerSecondary.value,
      agreements: null,
    });
    loadPage();
  });
  loadPage(agreementsFromUrl);
}
