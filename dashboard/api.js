// The dashboard's only way to data: the public GraphQL API at /graphql, with the caller's token.
// It sends the text of documented operations (schema/operations, served at /operations/) and of
// its own (dashboard/operations), all in the persisted-query manifest, so the dashboard keeps
// working when the gateway enforces the safelist.

const TOKEN_KEY = 'channel-graph.token';

const OPERATION_PATHS = {
  ChannelOverview: '/operations/ChannelOverview.graphql',
  CustomersAtRisk: '/operations/CustomersAtRisk.graphql',
  ThresholdWhatIf: '/operations/ThresholdWhatIf.graphql',
  ChannelTimeline: '/operations/ChannelTimeline.graphql',
  WhoResellsWhatToWhom: '/operations/WhoResellsWhatToWhom.graphql',
  PartnerDirectory: '/operations/PartnerDirectory.graphql',
  PartnerDetail: '/dashboard/operations/PartnerDetail.graphql',
  Viewer: '/dashboard/operations/Viewer.graphql',
  MyChannel: '/dashboard/operations/MyChannel.graphql',
  MyCustomers: '/dashboard/operations/MyCustomers.graphql',
  ProgramMilestones: '/dashboard/operations/ProgramMilestones.graphql',
};

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code ?? null;
    this.status = status ?? null;
  }
}

let settings = { developmentToken: null, sandboxPath: null };

export async function loadSettings() {
  const response = await fetch('/dashboard/settings.json');
  if (response.ok) settings = await response.json();
  return settings;
}

/** The token the user saved in this browser, else the development token the gateway offers. */
export function currentToken() {
  return localStorage.getItem(TOKEN_KEY) || settings.developmentToken || null;
}

export function tokenSource() {
  if (localStorage.getItem(TOKEN_KEY)) return 'saved';
  return settings.developmentToken ? 'development' : 'none';
}

export function saveToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

const documents = new Map();

function operationText(name) {
  if (!documents.has(name)) {
    const path = OPERATION_PATHS[name];
    if (!path) throw new ApiError(`Unknown operation ${name}`, 'DASHBOARD_ERROR');
    const text = fetch(path).then((response) => {
      if (!response.ok) throw new ApiError(`Could not load ${path} (HTTP ${response.status})`, 'DASHBOARD_ERROR', response.status);
      return response.text();
    });
    // A failed load is retried next time rather than remembered.
    text.catch(() => documents.delete(name));
    documents.set(name, text);
  }
  return documents.get(name);
}

/** The header that carries a bearer token or, for `cgk_…`, an API key (the query IDE sends the same). */
export function credentials(token) {
  return token.startsWith('cgk_') ? { 'x-api-key': token } : { authorization: `Bearer ${token}` };
}

/** Runs a named operation; resolves to `data`, or rejects with an ApiError carrying the first error's code. */
export async function query(name, variables = {}) {
  const { data, errors } = await queryAllowingPartialData(name, variables);
  if (errors.length) throw new ApiError(errors[0].message, errors[0].extensions?.code);
  return data;
}

/**
 * Like `query`, but an answer with data and field errors (e.g. FORBIDDEN fields of another
 * partner, to a partner role) resolves to both, so a page can show what the caller may see.
 */
export async function queryAllowingPartialData(name, variables = {}) {
  const token = currentToken();
  if (!token) throw new ApiError('No token yet: use the Token button to paste one (npm run token -- --role ANALYST).', 'UNAUTHENTICATED');
  const text = await operationText(name);
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...credentials(token) },
      body: JSON.stringify({ query: text, operationName: name, variables }),
    });
  } catch (error) {
    throw new ApiError(`The gateway cannot be reached: ${error.message}`, 'NETWORK_ERROR');
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The gateway answered HTTP ${response.status} without a GraphQL response.`, 'HTTP_ERROR', response.status);
  }
  if (!body.data) {
    const [first] = body.errors ?? [
      { message: `The gateway answered HTTP ${response.status} without data.`, extensions: { code: 'HTTP_ERROR' } },
    ];
    throw new ApiError(first.message, first.extensions?.code, response.status);
  }
  return { data: body.data, errors: body.errors ?? [] };
}
