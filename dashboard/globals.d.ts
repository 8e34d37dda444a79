// What the dashboard's page adds to `window` beside its modules.
interface Window {
  /** cytoscape, loaded as a classic script (/vendor/cytoscape.min.js) before the modules run. */
  cytoscape?: typeof import('cytoscape');
  /** The network view's graph, for the browser tests and the curious. */
  channelGraph?: import('cytoscape').Core;
}
