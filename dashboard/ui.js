// Small DOM helpers. Text from the API always goes in as text nodes, never as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const formatNumber = (value) => (value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US'));

export const STATUS_COLOURS = {
  PRIMARY: '#2563eb',
  SECONDARY: '#16a34a',
  LEGACY_MEMBER: '#9333ea',
  EXCLUDED: '#dc2626',
  NOT_ENROLLED: '#6b7280',
  CUSTOMER: '#d97706',
};

export const STATUS_LABELS = {
  PRIMARY: 'Primary',
  SECONDARY: 'Secondary',
  LEGACY_MEMBER: 'Legacy member',
  EXCLUDED: 'Excluded',
  NOT_ENROLLED: 'Not enrolled',
};

export function statusBadge(status) {
  return h('span', { class: 'badge', style: `background:${STATUS_COLOURS[status] ?? '#6b7280'}` }, STATUS_LABELS[status] ?? status);
}

export function partnerLink(partner) {
  return h('a', { href: `#/partner/${encodeURIComponent(partner.id)}` }, partner.name);
}

export function loadingBox(text = 'Loading…') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner' }), text);
}

export function errorBox(error, retry) {
  const needsToken = error?.code === 'UNAUTHENTICATED';
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', {}, error?.code ? `${error.code}: ` : 'Error: '),
    error?.message ?? String(error),
    needsToken ? h('p', {}, 'Use the Token button above to paste a valid token.') : null,
    retry ? h('button', { type: 'button', onclick: retry }, 'Retry') : null,
  );
}

/** Shows a loading state in `container`, then what `render(data)` returns, or the error with a retry. */
export async function load(container, task, render) {
  container.replaceChildren(loadingBox());
  try {
    const data = await task();
    container.replaceChildren(...[render(data)].flat().filter(Boolean));
  } catch (error) {
    container.replaceChildren(errorBox(error, () => load(container, task, render)));
  }
}

/** A table: columns are { label, cell(row) → node or text, class? }. */
export function table(columns, rows, { empty = 'None.' } = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((column) => h('th', { class: column.class }, column.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          columns.map((column) => h('td', { class: column.class }, column.cell(row))),
        ),
      ),
    ),
  );
}

export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}

function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function debounce(fn, millis) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
}
