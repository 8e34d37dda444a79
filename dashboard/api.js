// The dashboard's only way to data: the public GraphQL API at /graphql, with the caller's token.
// It sends the text of documented operations (schema/operations, served at /operations/) and of
// its own (dashboard/operations), all in the persisted-query manifest, so the dashboard keeps
// working when the gateway enforces the safelist.
/** @import * as Api from '../client/generated/graphql' */

/**
 * What each operation the dashboard sends takes and answers: the types `npm run codegen` writes
 * to client/generated/ from the same documents.
 * @typedef {{
 *   ChannelOverview: { variables: Api.ChannelOverviewQueryVariables, data: Api.ChannelOverviewQuery },
 *   CustomersAtRisk: { variables: Api.CustomersAtRiskQueryVariables, data: Api.CustomersAtRiskQuery },
 *   ThresholdWhatIf: { variables: Api.ThresholdWhatIfQueryVariables, data: Api.ThresholdWhatIfQuery },
 *   WhoResellsWhatToWhom: { variables: Api.WhoResellsWhatToWhomQueryVariables, data: Api.WhoResellsWhatToWhomQuery },
 *   PartnerDirectory: { variables: Api.PartnerDirectoryQueryVariables, data: Api.PartnerDirectoryQuery },
 *   PartnerDetail: { variables: Api.PartnerDetailQueryVariables, data: Api.PartnerDetailQuery },
 *   Viewer: { variables: Api.ViewerQueryVariables, data: Api.ViewerQuery },
 *   MyChannel: { variables: Api.MyChannelQueryVariables, data: Api.MyChannelQuery },
 *   MyCustomers: { variables: Api.MyCustomersQueryVariables, data: Api.MyCustomersQuery },
 * }} Operations
 * @typedef {keyof Operations} OperationName
 */
/**
 * An error of a GraphQL answer (the part of it the dashboard reads).
 * @typedef {{ message: string, path?: readonly (string | number)[], extensions?: { code?: string } }} GraphQLError
 */
/**
 * Who is calling, as the API's `viewer` says.
 * @typedef {Api.ViewerQuery['viewer']} Session
 */
/** @typedef {{ developmentToken: string | null, sandboxPath: string | null }} Settings */

const TOKEN_KEY = 'channel-graph.token';

/** @type {Record<OperationName, string>} */
const OPERATION_PATHS = {
  ChannelOverview: '/operations/ChannelOverview.graphql',
  CustomersAtRisk: '/operations/CustomersAtRisk.graphql',
  ThresholdWhatIf: '/operations/ThresholdWhatIf.graphql',
  WhoResellsWhatToWhom: '/operations/WhoResellsWhatToWhom.graphql',
  PartnerDirectory: '/operations/PartnerDirectory.graphql',
  PartnerDetail: '/dashboard/operations/PartnerDetail.graphql',
  Viewer: '/dashboard/operations/Viewer.graphql',
  MyChannel: '/dashboard/operations/MyChannel.graphql',
  MyCustomers: '/dashboard/operations/MyCustomers.graphql',
};

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {string | null} [code] the first error's `extensions.code`, or the dashboard's own (NETWORK_ERROR, HTTP_ERROR…)
   * @param {number | null} [status] the HTTP status, when the answer was not a GraphQL one
   */
  constructor(message, code, status) {
    super(message);
    this.code = code ?? null;
    this.status = status ?? null;
  }
}

/** @type {Settings} */
let settings = { developmentToken: null, sandboxPath: null };

/** @returns {Promise<Settings>} */
export async function loadSettings() {
  const response = await fetch('/dashboard/settings.json');
  if (response.ok) settings = await response.json();
  return settings;
}

/**
 * The error for an answer without the record asked for (`partner: null`): the API's own first
 * error (e.g. FORBIDDEN), else NOT_FOUND.
 * @param {GraphQLError[]} errors
 * @param {string} what what was asked for, e.g. "partner P-1"
 */
export function missingRecord(errors, what) {
  const [first] = errors;
  return new ApiError(first?.message ?? `No ${what}.`, first?.extensions?.code ?? 'NOT_FOUND');
}

/** The token the user saved in this browser, else the development token the gateway offers. */
export function currentToken() {
  return localStorage.getItem(TOKEN_KEY) || settings.developmentToken || null;
}

/** @returns {'saved' | 'development' | 'none'} */
export function tokenSource() {
  if (localStorage.getItem(TOKEN_KEY)) return 'saved';
  return settings.developmentToken ? 'development' : 'none';
}

/** @param {string | null} token a token to keep in this browser, or nothing to forget it */
export function saveToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** @type {Map<OperationName, Promise<string>>} */
const documents = new Map();

/**
 * @param {OperationName} name
 * @returns {Promise<string>}
 */
function operationText(name) {
  let text = documents.get(name);
  if (!text) {
    const path = OPERATION_PATHS[name];
    if (!path) throw new ApiError(`Unknown operation ${name}`, 'DASHBOARD_ERROR');
    text = fetch(path).then((response) => {
      if (!response.ok) throw new ApiError(`Could not load ${path} (HTTP ${response.status})`, 'DASHBOARD_ERROR', response.status);
      return response.text();
    });
    // A failed load is retried next time rather than remembered.
    text.catch(() => documents.delete(name));
    documents.set(name, text);
  }
  return text;
}

/**
 * The header that carries a bearer token or, for `cgk_…`, an API key (the query IDE sends the same).
 * @param {string} token
 * @returns {Record<string, string>}
 */
export function credentials(token) {
  return token.startsWith('cgk_') ? { 'x-api-key': token } : { authorization: `Bearer ${token}` };
}

/**
 * Runs a named operation; resolves to `data`, or rejects with an ApiError carrying the first error's code.
 * @template {OperationName} N
 * @param {N} name
 * @param {Operations[N]['variables']} [variables]
 * @returns {Promise<Operations[N]['data']>}
 */
export async function query(name, variables) {
  const { data, errors } = await queryAllowingPartialData(name, variables);
  const [first] = errors;
  if (first) throw new ApiError(first.message, first.extensions?.code);
  return data;
}

/**
 * Like `query`, but an answer with data and field errors (e.g. FORBIDDEN fields of another
 * partner, to a partner role) resolves to both, so a page can show what the caller may see.
 * @template {OperationName} N
 * @param {N} name
 * @param {Operations[N]['variables']} [variables]
 * @returns {Promise<{ data: Operations[N]['data'], errors: GraphQLError[] }>}
 */
export async function queryAllowingPartialData(name, variables) {
  const token = currentToken();
  if (!token) throw new ApiError('No token yet: use the Token button to paste one (npm run token -- --role ANALYST).', 'UNAUTHENTICATED');
  const text = await operationText(name);
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...credentials(token) },
      body: JSON.stringify({ query: text, operationName: name, variables: variables ?? {} }),
    });
  } catch (error) {
    throw new ApiError(`The gateway cannot be reached: ${error instanceof Error ? error.message : String(error)}`, 'NETWORK_ERROR');
  }
  /** @type {{ data?: Operations[N]['data'] | null, errors?: GraphQLError[] }} */
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
