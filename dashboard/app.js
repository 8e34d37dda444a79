import { currentToken, loadSettings, saveToken, tokenSource } from './api.js';
import { h } from './ui.js';
import { renderAtRisk } from './views/at-risk.js';
import { renderNetwork } from './views/network.js';
import { renderOverview } from './views/overview.js';
import { renderPartner } from './views/partner.js';
import { renderPartners } from './views/partners.js';
import { renderWhatIf } from './views/what-if.js';

const ROUTES = [
  { pattern: /^#?\/?$/, nav: 'overview', render: renderOverview },
  { pattern: /^#\/network$/, nav: 'network', render: renderNetwork },
  { pattern: /^#\/partners$/, nav: 'partners', render: renderPartners },
  { pattern: /^#\/partner\/([^/]+)$/, nav: 'partners', render: (view, [id]) => renderPartner(view, decodeURIComponent(id)) },
  { pattern: /^#\/at-risk$/, nav: 'at-risk', render: renderAtRisk },
  { pattern: /^#\/what-if$/, nav: 'what-if', render: renderWhatIf },
];

function route() {
  const hash = location.hash;
  const match = ROUTES.map((r) => ({ ...r, groups: r.pattern.exec(hash) })).find((r) => r.groups);
  for (const link of document.querySelectorAll('[data-nav]')) link.classList.toggle('active', link.dataset.nav === match?.nav);
  // Each route renders into a fresh element, so answers still arriving for the page left behind land nowhere.
  const view = h('div', { class: 'view', 'data-view': match?.nav ?? 'not-found' });
  document.getElementById('view').replaceChildren(view);
  if (!match) {
    view.append(h('p', { class: 'error', role: 'alert' }, `No page at ${hash}. `, h('a', { href: '#/' }, 'Back to the overview')));
    return;
  }
  match.render(view, match.groups.slice(1));
}

function showTokenState() {
  const labels = { saved: 'Token: saved', development: 'Token: development', none: 'Paste a token' };
  const button = document.getElementById('token-button');
  button.textContent = labels[tokenSource()];
  button.classList.toggle('attention', !currentToken());
}

function setUpTokenForm() {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  document.getElementById('token-button').addEventListener('click', () => {
    form.hidden = !form.hidden;
    if (!form.hidden) input.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveToken(input.value.trim());
    input.value = '';
    form.hidden = true;
    showTokenState();
    route();
  });
  document.getElementById('token-clear').addEventListener('click', () => {
    saveToken(null);
    form.hidden = true;
    showTokenState();
    route();
  });
}

async function start() {
  try {
    const settings = await loadSettings();
    if (settings.sandboxPath) {
      const link = document.getElementById('sandbox-link');
      link.href = settings.sandboxPath;
      link.hidden = false;
    }
  } catch {
    // Without settings the dashboard still works with a pasted token.
  }
  setUpTokenForm();
  showTokenState();
  if (!currentToken()) document.getElementById('token-form').hidden = false;
  window.addEventListener('hashchange', route);
  route();
}

start();
