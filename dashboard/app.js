import { currentToken, loadSettings, query, tokenSource } from './api.js';
import { label } from './labels.js';
import { wireTokenForm } from './token-form.js';
import { errorBox, h, isShownHash, loadingBox, pageElement, rememberShownHash } from './ui.js';
import { renderAtRisk } from './views/at-risk.js';
import { renderMyChannel } from './views/my-channel.js';
import { renderNetwork } from './views/network.js';
import { renderOverview } from './views/overview.js';
import { renderPartner } from './views/partner.js';
import { renderPartners } from './views/partners.js';
import { renderWhatIf } from './views/what-if.js';
/** @import { CallerRole } from '../client/generated/graphql' */
/** @import { Session } from './api.js' */
/**
 * A view: `render` draws it into `view`, given the groups its `path` matched.
 * @typedef {object} View
 * @property {string} nav the navigation link it lights up
 * @property {RegExp} path
 * @property {string} [href] where its navigation link goes (none: not in the navigation)
 * @property {string} title
 * @property {CallerRole[]} roles
 * @property {(view: HTMLElement, groups: string[], session: Session) => void} render
 */

/** @type {CallerRole[]} */
const WHOLE_CHANNEL = ['VENDOR', 'ANALYST'];
/** @type {CallerRole[]} */
const PARTNER = ['PRIMARY', 'SECONDARY'];
const EVERYONE = [...WHOLE_CHANNEL, ...PARTNER];

/**
 * The views, in navigation order, and who may use them: channel-wide figures are for VENDOR and
 * ANALYST (the API refuses them to partner roles), so a partner's navigation leaves them out and
 * its home is "My channel".
 * @type {View[]}
 */
const VIEWS = [
  { nav: 'my-channel', path: /^\/my-channel$/, href: '#/my-channel', title: 'My channel', roles: PARTNER, render: renderMyChannel },
  { nav: 'overview', path: /^\/?$/, href: '#/', title: 'Overview', roles: WHOLE_CHANNEL, render: renderOverview },
  { nav: 'network', path: /^\/network$/, href: '#/network', title: 'Network', roles: EVERYONE, render: renderNetwork },
  { nav: 'partners', path: /^\/partners$/, href: '#/partners', title: 'Partners', roles: EVERYONE, render: renderPartners },
  {
    nav: 'partners',
    path: /^\/partner\/([^/]+)$/,
    title: 'Partner',
    roles: EVERYONE,
    render: (view, [id]) => renderPartner(view, decodeURIComponent(id ?? '')),
  },
  { nav: 'at-risk', path: /^\/at-risk$/, href: '#/at-risk', title: 'Customers at risk', roles: WHOLE_CHANNEL, render: renderAtRisk },
  { nav: 'what-if', path: /^\/what-if$/, href: '#/what-if', title: 'Threshold what-if', roles: WHOLE_CHANNEL, render: renderWhatIf },
];

/**
 * Who is calling (the API's `viewer`), asked once per token.
 * @type {Session | null}
 */
let session = null;
/**
 * Where Apollo Sandbox answers (development only).
 * @type {string | null}
 */
let sandboxPath = null;

/** @param {string} hash */
function pathOf(hash) {
  return (hash.replace(/^#/, '').split('?')[0] || '/').replace(/^\/?/, '/');
}

/**
 * @param {string} hash
 * @returns {(View & { groups: string[] }) | null}
 */
function matchRoute(hash) {
  const path = pathOf(hash);
  // A partner user's home is their own channel.
  if (path === '/' && session && PARTNER.includes(session.role)) return { ...VIEWS[0], groups: [] };
  for (const view of VIEWS) {
    const groups = view.path.exec(path);
    if (groups) return { ...view, groups: groups.slice(1) };
  }
  return null;
}

function drawNavigation() {
  const nav = pageElement('views', HTMLElement);
  const role = session?.role;
  nav.replaceChildren(
    ...VIEWS.filter((view) => view.href && role && view.roles.includes(role)).map((view) =>
      h('a', { href: view.nav === 'my-channel' ? '#/' : view.href, 'data-nav': view.nav }, view.title),
    ),
  );
  // The IDE and Sandbox need the schema, which only VENDOR and ANALYST callers get.
  const readsSchema = role !== undefined && WHOLE_CHANNEL.includes(role);
  pageElement('ide-link', HTMLAnchorElement).hidden = !readsSchema;
  pageElement('sandbox-link', HTMLAnchorElement).hidden = !readsSchema || !sandboxPath;
  pageElement('whoami', HTMLElement).textContent = session
    ? `${label('CallerRole', session.role)}${session.partner ? `: ${session.partner.name}` : ''}`
    : '';
}

function route({ focus = true } = {}) {
  rememberShownHash(location.hash);
  const match = matchRoute(location.hash);
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = link.getAttribute('data-nav') === match?.nav;
    link.classList.toggle('active', active);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Each route draws into a fresh element, so answers still arriving for the page left behind land nowhere.
  const view = h('div', { class: 'view', 'data-view': match?.nav ?? 'not-found' });
  const main = pageElement('view', HTMLElement);
  main.replaceChildren(view);
  document.title = match ? `${match.title} · Channel Graph` : 'Channel Graph';
  if (focus) main.focus({ preventScroll: true });
  if (!currentToken()) {
    view.append(
      errorBox({ code: 'UNAUTHENTICATED', message: 'No token yet: use the Token button to paste one (npm run token -- --role ANALYST).' }),
    );
    return;
  }
  if (!session) {
    view.append(errorBox({ code: 'UNAUTHENTICATED', message: 'The gateway did not accept the token.' }));
    return;
  }
  if (!match) {
    view.append(h('p', { class: 'error', role: 'alert' }, `No page at ${location.hash}. `, h('a', { href: '#/' }, 'Back to the start')));
    return;
  }
  if (!match.roles.includes(session.role)) {
    view.append(
      h('h1', {}, match.title),
      h(
        'p',
        { class: 'notice', role: 'note', 'data-not-for-role': session.role },
        `${match.title} covers the whole channel, which the ${label('CallerRole', session.role)} role does not see. `,
        h('a', { href: '#/' }, 'Go to My channel'),
        '.',
      ),
    );
    view.dataset.ready = 'true';
    return;
  }
  match.render(view, match.groups, session);
}

function showTokenState() {
  const labels = { saved: 'Token: saved', development: 'Token: development', none: 'Paste a token' };
  const button = pageElement('token-button', HTMLButtonElement);
  button.textContent = labels[tokenSource()];
  button.classList.toggle('attention', !currentToken());
}

/** Asks the API who the token belongs to, then draws the navigation for that role and the current view. */
async function startSession({ focus = false } = {}) {
  session = null;
  showTokenState();
  drawNavigation();
  const main = pageElement('view', HTMLElement);
  if (currentToken()) {
    main.replaceChildren(loadingBox('Checking the token…'));
    try {
      session = (await query('Viewer')).viewer;
    } catch (error) {
      main.replaceChildren(errorBox(error, () => startSession({ focus: true })));
      pageElement('token-form', HTMLFormElement).hidden = false;
      return;
    }
  } else {
    pageElement('token-form', HTMLFormElement).hidden = false;
  }
  drawNavigation();
  route({ focus });
}

async function start() {
  try {
    const settings = await loadSettings();
    sandboxPath = settings.sandboxPath;
    if (sandboxPath) pageElement('sandbox-link', HTMLAnchorElement).href = sandboxPath;
  } catch {
    // Without settings the dashboard still works with a pasted token.
  }
  wireTokenForm(() => startSession({ focus: true }));
  // The skip link moves focus without touching the hash, which names the view.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    pageElement('view', HTMLElement).focus();
  });
  // Back and forward (and links) redraw the view; a view's own URL changes (filters, pages) do not.
  const onNavigate = () => {
    if (!isShownHash(location.hash)) route();
  };
  window.addEventListener('hashchange', onNavigate);
  window.addEventListener('popstate', onNavigate);
  await startSession();
}

start();
