// The query IDE at /ide: GraphiQL 5 with its explorer plugin, bundled at build time
// (scripts/build-ide.ts) so that every script, style, font and worker comes from the gateway.
// It opens with the documented operations (schema/operations/, headline first) and their example
// variables, and sends the caller's token or API key, kept in localStorage with the dashboard's.
import { createElement as h, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './ide.css';
import { credentials, currentToken, loadSettings, tokenSource } from '../dashboard/api.js';
import { wireTokenForm } from '../dashboard/token-form.js';
import { pageElement } from '../dashboard/ui.js';
/** @import { FetcherParams } from '@graphiql/toolkit' */
/** @import { ExecutionResult } from 'graphql' */
/** @import { Root } from 'react-dom/client' */
/** @import { GraphQLError } from '../dashboard/api.js' */

/**
 * A documented operation, as scripts/build-ide.ts writes them to /ide/operations.json.
 * @typedef {{ name: string, description: string, query: string, variables: string }} Operation
 */

// Monaco's language workers, built beside this file (no blob: URLs, no CDN).
window.MonacoEnvironment = {
  getWorker(_moduleId, label) {
    const file = label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js';
    return new Worker(`/ide/${file}`, { type: 'module', name: label });
  },
};

const INTROSPECTION = 'IntrospectionQuery';
/** Where GraphiQL keeps the user's tabs between visits. */
const GRAPHIQL_TABS = 'graphiql:tabState';
const status = pageElement('ide-status', HTMLElement);
const message = pageElement('ide-message', HTMLElement);
const editor = pageElement('graphiql', HTMLElement);
/** @type {Root | null} */
let root = null;
let mounted = 0;

/**
 * What the page shows about the schema: `data-schema` on <body> is loading, loaded, refused or missing-token.
 * @param {'loading' | 'loaded' | 'refused' | 'missing-token'} state
 * @param {string} text
 */
function showState(state, text) {
  document.body.dataset.schema = state;
  status.textContent = text;
}

/**
 * @param {string} title
 * @param {...string} lines
 */
function showMessage(title, ...lines) {
  message.replaceChildren(
    Object.assign(document.createElement('strong'), { textContent: title }),
    ...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })),
  );
  message.hidden = false;
}

/**
 * An answer as GraphiQL's types have it: graphql-js's ExecutionResult, whose errors are GraphQLError
 * instances. Over HTTP they are their JSON form (message, path, extensions), which is what GraphiQL
 * shows; the types cannot say so, hence the cast.
 * @param {{ data?: unknown, errors?: GraphQLError[] }} answer
 * @returns {ExecutionResult}
 */
const forGraphiQL = (answer) => /** @type {ExecutionResult} */ (/** @type {unknown} */ (answer));

/**
 * Sends operations to /graphql with the caller's credentials. A refused introspection (a partner
 * role, or a token the gateway does not accept) closes the editor: the IDE is for VENDOR and ANALYST.
 * @param {string} token
 * @param {number} session which mount this fetcher belongs to (answers for an earlier one are not shown)
 */
function fetcherFor(token, session) {
  /** @param {FetcherParams} params */
  return async (params) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...credentials(token) },
      body: JSON.stringify(params),
    });
    /** @type {{ data?: { __schema?: unknown } | null, errors?: GraphQLError[] }} */
    let body;
    try {
      body = await response.json();
    } catch {
      body = { data: null, errors: [{ message: `The gateway answered HTTP ${response.status} without a GraphQL response.` }] };
    }
    if (params.operationName === INTROSPECTION && !body.data?.__schema && session === mounted) {
      const [first] = body.errors ?? [{ message: `HTTP ${response.status}` }];
      const code = first.extensions?.code ?? `HTTP ${response.status}`;
      showState('refused', `No schema (${code})`);
      showMessage(
        `The gateway did not give these credentials the schema (${code}).`,
        first.message,
        'The query IDE is for VENDOR and ANALYST callers. Use the Token button to enter another token or API key.',
      );
      unmount();
      // `data` present: GraphiQL does not ask again without subscriptions.
      return forGraphiQL({ data: null, errors: body.errors ?? [first] });
    }
    return forGraphiQL(body);
  };
}

/** @param {{ operations: Operation[] }} props */
function OperationsPanel({ operations }) {
  const { addTab } = useGraphiQLActions();
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  /** @param {Operation} operation */
  const open = (operation) => {
    addTab();
    queryEditor?.setValue(operation.query);
    variableEditor?.setValue(operation.variables);
  };
  return h(
    'section',
    { className: 'ide-operations', 'aria-label': 'Documented operations' },
    h('div', { className: 'graphiql-doc-explorer-title' }, 'Documented operations'),
    h('p', {}, 'The questions the API answers (schema/operations/), with example variables. Opens in a new tab.'),
    h(
      'ul',
      {},
      operations.map((operation) =>
        h(
          'li',
          { key: operation.name },
          h('button', { type: 'button', 'data-operation': operation.name, onClick: () => open(operation) }, operation.name),
          operation.description ? h('p', {}, operation.description) : null,
        ),
      ),
    ),
  );
}

function OperationsIcon() {
  return h(
    'svg',
    { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 },
    h('path', { d: 'M4 6h16M4 12h16M4 18h10' }),
  );
}

function unmount() {
  root?.unmount();
  root = null;
}

/**
 * @param {Operation[]} operations
 * @param {string} token
 */
function mount(operations, token) {
  unmount();
  message.hidden = true;
  const session = ++mounted;
  showState('loading', 'Loading the schema…');
  const operationsPlugin = { title: 'Documented operations', icon: OperationsIcon, content: () => h(OperationsPanel, { operations }) };
  // GraphiQL fills the first tab's editors from initialQuery/initialVariables, not from defaultTabs;
  // on a later visit it restores the user's own tabs instead.
  const [headline] = operations;
  const firstVisit = headline && !localStorage.getItem(GRAPHIQL_TABS);
  root = createRoot(editor);
  root.render(
    h(
      Fragment,
      {},
      h(GraphiQL, {
        fetcher: fetcherFor(token, session),
        plugins: [operationsPlugin, explorerPlugin()],
        defaultTabs: operations.map(({ query, variables }) => ({ query, variables })),
        ...(firstVisit ? { initialQuery: headline.query, initialVariables: headline.variables } : {}),
        defaultEditorToolsVisibility: 'variables',
        shouldPersistHeaders: false,
        onSchemaChange: (schema) => {
          if (session !== mounted) return;
          const types = Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__')).length;
          showState('loaded', `Schema loaded: ${types} types`);
        },
      }),
    ),
  );
}

function showTokenButton() {
  const labels = { saved: 'Token: saved', development: 'Token: development', none: 'Enter a token' };
  const button = pageElement('token-button', HTMLButtonElement);
  button.textContent = labels[tokenSource()];
  button.classList.toggle('attention', !currentToken());
}

async function start() {
  /** @type {Operation[]} */
  let operations = [];
  try {
    const settings = await loadSettings();
    if (settings.sandboxPath) {
      const link = pageElement('sandbox-link', HTMLAnchorElement);
      link.href = settings.sandboxPath;
      link.hidden = false;
    }
  } catch {
    // Without settings the IDE still works with a pasted token.
  }
  try {
    const response = await fetch('/ide/operations.json');
    if (response.ok) operations = await response.json();
  } catch {
    // An IDE without the documented operations still runs what the user writes.
  }

  const open = () => {
    const token = currentToken();
    showTokenButton();
    if (token) return mount(operations, token);
    unmount();
    form.hidden = false;
    showState('missing-token', 'No token yet');
    showMessage(
      'Enter a bearer token or an API key to start.',
      'A development token: npm run token -- --role ANALYST. It stays in this browser until you press Forget.',
    );
  };
  const form = wireTokenForm(open);
  open();
}

start();
