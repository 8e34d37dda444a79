/**
 * The page's globals that browser tests read inside `page.evaluate`, typed as far as the tests use
 * them: the test program is compiled without the DOM library (it runs in Node), so these name only
 * what the tests touch. Inside an evaluated function write `(globalThis as unknown as PageWindow)`:
 * the function runs in the browser, so it may use these types but no value of the test's module.
 */
export interface PageElement {
  id: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  blur(): void;
}

export interface PageCanvas extends PageElement {
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } };
}

/** A Chart.js chart, as the dashboard draws it (its dayMarker plugin included). */
export interface PageChart {
  data: { labels: string[]; datasets: Array<{ label: string; data: number[] }> };
  options: { plugins: { dayMarker: { index: number } } };
  currentDevicePixelRatio: number;
  scales: { x: { getPixelForValue(index: number): number } };
  chartArea: { top: number; bottom: number };
  tooltip: { title: string[]; body: Array<{ lines: string[] }>; getActiveElements(): unknown[] };
}

/** A cytoscape node of the network graph. */
export interface GraphNode {
  data(field: string): unknown;
  renderedPosition(): { x: number; y: number };
}

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: string[] }>;
}

export interface PageWindow {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement>;
    activeElement: PageElement | null;
    documentElement: { scrollWidth: number };
  };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  /** Chart.js, once the page's script has loaded it. */
  Chart?: { getChart(canvas: PageElement | null): PageChart | undefined };
  /** The dashboard's network graph (cytoscape), once drawn. */
  channelGraph: {
    nodes(selector: string): {
      length: number;
      map<T>(each: (node: GraphNode) => T): T[];
      max(of: (node: GraphNode) => number): { ele: GraphNode };
    };
  };
  /** axe-core, injected by the accessibility test. */
  axe: { run(context: unknown, options: { resultTypes: string[] }): Promise<{ violations: AxeViolation[] }> };
}
