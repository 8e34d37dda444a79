// Small DOM helpers shared by the views. Text from the API always goes in as text nodes, never as HTML.
import { label } from './labels.js';
/** @import { ChannelStatus } from '../client/generated/graphql' */

/**
 * An attribute for `h`: `on…` a listener, `class` the class name, a property the element has
 * (`disabled`, `selected`, `value`…) set as such unless a string, anything else an attribute;
 * null, undefined and false leave it out, true sets it empty.
 * @typedef {string | number | boolean | null | undefined | ((event: Event) => unknown)} AttributeValue
 * @typedef {Record<string, AttributeValue>} Attributes
 */
/**
 * What `h` appends: nodes as they are, other values as text; null, undefined and false nothing;
 * arrays their items (JSDoc types cannot say "nested to any depth": one level is all the views use).
 * @typedef {Node | string | number | boolean | null | undefined} ChildItem
 * @typedef {ChildItem | ChildItem[]} Child
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes | null} [attributes]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = String(value);
    else if (name in element && typeof value !== 'string') Object.assign(element, { [name]: value });
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/**
 * @param {Element} element
 * @param {Child[]} children
 */
function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * The element of the page with this id, of this type: its absence is a bug in index.html, said plainly.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} type
 * @returns {T}
 */
export function pageElement(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`The page has no ${type.name} with id ${id}.`);
  return element;
}

/** @param {number | string | null | undefined} value */
export const formatNumber = (value) => (value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US'));

/** Channel-status colours, dark enough for white text (WCAG AA contrast). */
/** @type {Record<ChannelStatus | 'CUSTOMER', string>} */
export const STATUS_COLOURS = {
  PRIMARY: '#1d4ed8',
  SECONDARY: '#15803d',
  LEGACY_MEMBER: '#7e22ce',
  EXCLUDED: '#b91c1c',
  NOT_ENROLLED: '#4b5563',
  CUSTOMER: '#b45309',
};

/** @param {ChannelStatus | null | undefined} status */
export function statusBadge(status) {
  return h(
    'span',
    { class: 'badge', style: `background:${(status && STATUS_COLOURS[status]) ?? STATUS_COLOURS.NOT_ENROLLED}` },
    label('ChannelStatus', status),
  );
}

/** @param {{ id: string, name: string }} partner */
export function partnerLink(partner) {
  return h('a', { href: `#/partner/${encodeURIComponent(partner.id)}` }, partner.name);
}

export function loadingBox(text = 'Loading…') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/**
 * What an error box says: the code and message of an ApiError or of a `{ code, message }` a view
 * describes, else the text of whatever was thrown.
 * @param {unknown} error
 * @returns {{ code: string | null, message: string }}
 */
function problemOf(error) {
  if (typeof error !== 'object' || error === null) return { code: null, message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  // An object thrown without a message reads as String() would write it: [object Object].
  const message = 'message' in error && typeof error.message === 'string' ? error.message : Object.prototype.toString.call(error);
  return { code, message };
}

/**
 * @param {unknown} error
 * @param {() => unknown} [retry]
 */
export function errorBox(error, retry) {
  const { code, message } = problemOf(error);
  const needsToken = code === 'UNAUTHENTICATED';
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', {}, code ? `${code}: ` : 'Error: '),
    message,
    needsToken ? h('p', {}, 'Use the Token button above to paste a valid token.') : null,
    retry ? h('button', { type: 'button', onclick: retry }, 'Retry') : null,
  );
}

/**
 * Marks a view as drawn (its data shown): `data-ready` on the view, for the browser tests and for focus.
 * @param {HTMLElement} element the view or an element in it
 */
export function markReady(element) {
  const view = element.closest('.view') ?? element;
  view.setAttribute('data-ready', 'true');
}

/**
 * Shows a loading state in `container`, then what `render(data)` returns, or the error with a retry.
 * @template T
 * @param {HTMLElement} container
 * @param {() => Promise<T>} task
 * @param {(data: T) => Node | (Node | null)[]} render
 * @returns {Promise<void>}
 */
export async function load(container, task, render) {
  container.replaceChildren(loadingBox());
  try {
    const data = await task();
    container.replaceChildren(...[render(data)].flat().filter((node) => node !== null));
    markReady(container);
  } catch (error) {
    container.replaceChildren(errorBox(error, () => load(container, task, render)));
  }
}

/** @param {CsvValue} value */
function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * @param {readonly string[]} header
 * @param {readonly (readonly CsvValue[])[]} rows
 */
export function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * @param {string} filename
 * @param {string} text
 */
export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A table's column (see `table`).
 * @template T
 * @typedef {object} Column
 * @property {string} label
 * @property {(row: T) => Child} cell
 * @property {(row: T) => CsvValue} [csv]
 * @property {string} [class]
 * @property {Node} [header]
 * @property {Attributes} [headerAttributes]
 * @property {(row: T) => Attributes} [rowAttributes]
 */
/**
 * A field of a CSV file, as a column's `csv(row)` gives it.
 * @typedef {string | number | boolean | null | undefined} CsvValue
 */
/**
 * What an export writes: its lines, and optionally the status to show instead of "Exported N rows".
 * @typedef {CsvValue[][] | { rows: CsvValue[][], note?: string | null }} ExportLines
 * @typedef {(done: number, total: number | null) => void} Progress
 */

/**
 * A row of a CSV file: each column's own `csv(row)`, else the text the table shows.
 * @template T
 * @param {Column<T>[]} columns
 * @param {T} row
 * @returns {CsvValue[]}
 */
export function csvRow(columns, row) {
  return columns.map((column) => {
    if (column.csv) return column.csv(row);
    const cell = column.cell(row);
    if (cell instanceof Node) return cell.textContent;
    return Array.isArray(cell) ? h('span', {}, cell).textContent : cell;
  });
}

/**
 * An "Export CSV" button and its status line. `rows()` may page through a whole list (it gets a
 * progress callback); the file has one line per row with the given header.
 * @param {string} filename
 * @param {readonly string[]} header
 * @param {(progress: Progress) => Promise<ExportLines>} rows
 */
export function exportControl(filename, header, rows) {
  const status = h('span', { class: 'export-status', 'data-export-status': '', role: 'status' });
  const button = h('button', { type: 'button', class: 'export', 'data-export': 'csv', 'data-file': filename }, 'Export CSV');
  const exportRows = async () => {
    button.disabled = true;
    try {
      const lines = await rows((done, total) => {
        status.textContent = `Exporting ${formatNumber(done)}${total === null || total === undefined ? '' : ` of ${formatNumber(total)}`}…`;
      });
      const { rows: csvLines, note } = Array.isArray(lines) ? { rows: lines, note: null } : lines;
      download(filename, toCsv(header, csvLines));
      status.textContent = note ?? `Exported ${formatNumber(csvLines.length)} rows.`;
    } catch (error) {
      status.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener('click', () => void exportRows());
  return h('span', { class: 'export-control' }, button, status);
}

/**
 * A table: columns are { label, cell(row) → node or text, csv?(row), class?, header? (a node for
 * the label, e.g. a sort button), headerAttributes?, rowAttributes?(row) }. With `exportAs`
 * it has an "Export CSV" button for the rows it shows (or, with `exportRows` and `exportHeader`, for
 * rows fetched then, e.g. every page of a list).
 * Wide tables scroll sideways inside their own box, which the keyboard can reach.
 * @template T
 * @param {Column<T>[]} columns
 * @param {T[]} rows
 * @param {{
 *   empty?: string,
 *   exportAs?: string | null,
 *   exportRows?: ((progress: Progress) => Promise<ExportLines>) | null,
 *   exportHeader?: string[] | null,
 *   caption?: string | null,
 *   attributes?: Attributes,
 * }} [options]
 */
export function table(
  columns,
  rows,
  { empty = 'None.', exportAs = null, exportRows = null, exportHeader = null, caption = null, attributes = {} } = {},
) {
  const csvHeader = exportHeader ?? columns.map((column) => column.label);
  const exporter = exportAs
    ? exportControl(exportAs, csvHeader, exportRows ?? (async () => rows.map((row) => csvRow(columns, row))))
    : null;
  if (rows.length === 0) return h('div', { class: 'table-block' }, h('p', { class: 'empty' }, empty));
  return h(
    'div',
    { class: 'table-block' },
    exporter ? h('div', { class: 'table-tools' }, exporter) : null,
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption ?? 'Table' },
      h(
        'table',
        attributes,
        caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            columns.map((column) =>
              h('th', { class: column.class, scope: 'col', ...column.headerAttributes }, column.header ?? column.label),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              rowAttributesOf(columns, row),
              columns.map((column) => h('td', { class: column.class }, column.cell(row))),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * A column of a number the row has under `key`: formatted in the table, as it is in the CSV file.
 * @template {string} K
 * @param {string} title
 * @param {K} key
 * @returns {Column<Record<K, number | null>>}
 */
export const numberColumn = (title, key) => ({
  label: title,
  cell: (row) => formatNumber(row[key]),
  csv: (row) => row[key],
  class: 'number',
});

/**
 * Row attributes from a column that declares them (e.g. data-contract), else none.
 * @template T
 * @param {Column<T>[]} columns
 * @param {T} row
 * @returns {Attributes}
 */
function rowAttributesOf(columns, row) {
  return columns.find((column) => column.rowAttributes)?.rowAttributes?.(row) ?? {};
}

/**
 * @param {string} title
 * @param {...Child} children
 */
export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}

/**
 * @template {unknown[]} A
 * @param {(...args: A) => void} fn
 * @param {number} millis
 * @returns {(...args: A) => void}
 */
export function debounce(fn, millis) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
}

// ---- State in the URL: #/path?filter=…&page=…, so a link shows what its sender saw ----

/** @type {string | null} */
let shownHash = null;

/**
 * The hash the router last drew (views change it with setViewParams without a redraw).
 * @param {string} hash
 */
export function rememberShownHash(hash) {
  shownHash = hash;
}

/** @param {string} hash */
export function isShownHash(hash) {
  return hash === shownHash;
}

/** The current view's parameters (after the `?` of the hash). */
export function viewParams() {
  const hash = location.hash;
  const query = hash.indexOf('?');
  return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
}

/**
 * Changes the current view's parameters (null or '' removes one). `push` adds a history entry
 * (paging: Back goes to the page before), otherwise the entry is replaced (typing in a filter).
 * @param {Record<string, string | number | null | undefined>} changes
 */
export function setViewParams(changes, { push = false } = {}) {
  const params = viewParams();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(name);
    else params.set(name, String(value));
  }
  const path = location.hash.split('?')[0] || '#/';
  const query = params.toString();
  const hash = query ? `${path}?${query}` : path;
  if (hash === location.hash) return;
  shownHash = hash;
  history[push ? 'pushState' : 'replaceState'](null, '', hash);
}
