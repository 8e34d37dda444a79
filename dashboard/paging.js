// Paging of the views' connections: the page kept in the URL, the pager under a table, walking a
// connection for "Previous" from a deep link and for exports.
import { formatNumber, h, setViewParams, viewParams } from './ui.js';
/** @import { Progress } from './ui.js' */

/**
 * Paging of a connection, its place kept in the URL (`<prefix>page`, `<prefix>after`). Cursors of
 * pages seen are remembered for "Previous"; from a link straight to page n, the cursor before it is
 * found by walking the list from the start (`skip(count)` resolves to the cursor after `count` rows).
 */
/** @type {Map<string, string | null>} */
const rememberedCursors = new Map();

/**
 * @param {{ prefix?: string, perPage: number, context?: string }} options `context`: what else the
 *   list depends on (a filter, a sort), so cursors of another list are not reused
 */
export function urlPager({ prefix = '', perPage, context = '' }) {
  const params = viewParams();
  const page = Math.max(1, Number.parseInt(params.get(`${prefix}page`) ?? '1', 10) || 1);
  const after = page > 1 ? params.get(`${prefix}after`) : null;
  const key = (/** @type {number} */ n) => `${location.hash.split('?')[0]}|${prefix}|${context}|${n}`;
  if (page > 1 && after) rememberedCursors.set(key(page), after);
  return {
    page,
    after,
    first: (page - 1) * perPage,
    /**
     * @param {number} n
     * @param {string | null} cursor
     */
    go(n, cursor) {
      if (n <= 1) setViewParams({ [`${prefix}page`]: null, [`${prefix}after`]: null }, { push: true });
      else {
        rememberedCursors.set(key(n), cursor);
        setViewParams({ [`${prefix}page`]: n, [`${prefix}after`]: cursor }, { push: true });
      }
    },
    /** @param {string | null} endCursor */
    next(endCursor) {
      this.go(page + 1, endCursor);
    },
    /** @param {(count: number) => Promise<string | null>} skip */
    async previous(skip) {
      if (page <= 2) return this.go(1, null);
      const cursor = rememberedCursors.get(key(page - 1)) ?? (await skip((page - 2) * perPage));
      this.go(page - 1, cursor);
    },
  };
}

/**
 * A page of a connection, as the API's list fields answer (`totalCount` where the list has one).
 * @template T
 * @typedef {{ totalCount?: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: { node: T }[] }} Connection
 */
/**
 * Asks for `first` rows after the cursor `after` (from the start when null).
 * @template T
 * @typedef {(first: number, after: string | null) => Promise<Connection<T>>} PageFetcher
 */

/**
 * Walks a connection from its start, 100 rows a request, and resolves to the cursor after `count` rows.
 * @template T
 * @param {number} count
 * @param {PageFetcher<T>} fetchPage
 */
export async function cursorAfter(count, fetchPage) {
  /** @type {string | null} */
  let after = null;
  let skipped = 0;
  while (skipped < count) {
    const first = Math.min(100, count - skipped);
    const page = await fetchPage(first, after);
    skipped += page.edges.length;
    after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) break;
  }
  return after;
}

/**
 * Pages through a whole connection, 100 rows a request, up to `limit` rows.
 * @template T
 * @param {PageFetcher<T>} fetchPage
 * @param {{ limit?: number, progress?: Progress }} [options]
 */
export async function allRows(fetchPage, { limit = 20_000, progress = () => {} } = {}) {
  /** @type {T[]} */
  const nodes = [];
  /** @type {string | null} */
  let after = null;
  /** @type {number | null} */
  let total = null;
  do {
    progress(nodes.length, total);
    const page = await fetchPage(100, after);
    total = page.totalCount ?? total;
    nodes.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && nodes.length < limit);
  return { nodes, total, complete: after === null };
}

/** @typedef {ReturnType<typeof urlPager>} UrlPager */

/**
 * "← Previous · 26–50 of 120 · Next →" under one page of a connection that `pages` keeps in the
 * URL: "Next" moves to the cursor after the page, "Previous" to the one before it (walking the list
 * with `fetchPage` when no cursor is remembered for it); either then calls `show` to draw the page
 * it moved to.
 * @template T
 * @param {{ page: Connection<T>, pages: UrlPager, fetchPage: PageFetcher<T>, show: () => unknown, label: string }} options
 */
export function connectionPager({ page, pages, fetchPage, show, label }) {
  const from = pages.first + 1;
  const total = page.totalCount;
  const previous = async () => {
    await pages.previous((count) => cursorAfter(count, fetchPage));
    void show();
  };
  const next = () => {
    pages.next(page.pageInfo.endCursor);
    void show();
  };
  return h(
    'nav',
    { class: 'pager', 'aria-label': label },
    h('button', { type: 'button', disabled: pages.page <= 1, onclick: previous }, '← Previous'),
    h(
      'span',
      { 'data-page-range': '' },
      total ? `${formatNumber(from)}–${formatNumber(from + page.edges.length - 1)} of ${formatNumber(total)}` : '',
    ),
    h('button', { type: 'button', disabled: !page.pageInfo.hasNextPage, onclick: next }, 'Next →'),
  );
}
