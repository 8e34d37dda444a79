// Plain JavaScript on purpose: Hive's type declarations (graphql-yoga's) redefine graphql-js's
// error extensions differently from Apollo Server's, so TypeScript never loads them here.
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isObjectType,
  Kind,
  OperationTypeNode,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
// The compiled modules (npm run build): the same configuration, credentials, identity signing,
// shared state, policy and limits as our own gateway, so swapping the gateway tier keeps them all.
import { loadConfig } from '../dist/common/config.js';
import { callerKey, INTERNAL_IDENTITY_HEADER, signInternalIdentity } from '../dist/common/identity.js';
import { maskInternalErrors } from '../dist/common/errors.js';
import { createLogger } from '../dist/common/logger.js';
import { ServiceMetrics } from '../dist/common/metrics.js';
import { schemaPath } from '../dist/common/paths.js';
import { createApiKeyVerifier } from '../dist/gateway/api-keys.js';
import { ApiKeyUnverifiableError, AuthenticationError, Authenticator } from '../dist/gateway/auth.js';
import { DemandControl, estimateOrRefuse, tooExpensive } from '../dist/gateway/demand-control.js';
import { keptErrors } from '../dist/gateway/errors-as-asked.js';
import { introspectionRefusal } from '../dist/gateway/introspection.js';
import { KnownPartners, PartnerUnverifiableError, partnersDirectoryLookup } from '../dist/gateway/known-partners.js';
import { operationRefusal } from '../dist/gateway/operation-checks.js';
import { subgraphReadiness } from '../dist/gateway/readiness.js';
import { subgraphUnavailable } from '../dist/gateway/resilient-data-source.js';
import { gatewayLimits, tokenLimitRefusal } from '../dist/gateway/limits.js';
import { heldToSafelist, PERSISTED_QUERY_NOT_ALLOWED, sha256, TrustedDocuments } from '../dist/gateway/persisted-queries.js';
import { MemoryBucketStore, rateLimited, SharedBucketStore } from '../dist/gateway/rate-limit.js';
import { SharedState } from '../dist/gateway/shared-state.js';
import { SupergraphPolicy } from '../dist/gateway/supergraph-policy.js';

/**
 * Hive Gateway as the production gateway tier, on the supergraph `npm run build` writes and the same
 * environment variables as ours (README, "Configuration"; "Hive Gateway in production"):
 *
 * - credentials: the bearer JWT (same issuer, audience, HS256 secret or JWKS) or the API key,
 *   verified as ours does (gateway/auth.ts; API-key answers cached, revocations heard on Redis);
 * - the internal identity the subgraphs require, signed over each subgraph request's body;
 * - @authenticated / @requiresScopes from the supergraph by Hive's own generic-auth plugin, roles as
 *   scopes, refused fields taken out with the same FORBIDDEN error as ours;
 * - demand control from @cost / @listSize, estimated before execution as ours does, and the rate
 *   limit taking that estimate from the caller's bucket on the same Redis (one budget for both tiers);
 * - the persisted-query manifest (PERSISTED_QUERIES, PERSISTED_QUERY_MANIFEST), and the hostile-query
 *   limits (depth, aliases, root fields, directives, tokens, body size);
 * - /health and /ready (subgraphs, and Redis reported as ours does).
 *
 *   npm run build && node gateway/hive-gateway.mjs [--port 4000] [--router]
 *
 * `--router` plans with Hive's Rust planner (@graphql-hive/router-runtime) instead of its JavaScript one.
 */
const { values } = parseArgs({ options: { port: { type: 'string' }, router: { type: 'boolean', default: false } } });
const config = loadConfig();
// Hive's logger reads LOG_LEVEL itself and refuses our levels it lacks (`silent`, `fatal`): the
// configuration has read it; Hive's logging is set below from it.
delete process.env.LOG_LEVEL;
const logger = createLogger('hive-gateway', config.logLevel);
const metrics = new ServiceMetrics('gateway');
const port = values.port ? Number(values.port) : config.ports.gateway;

let supergraph = fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8');
for (const [name, url] of Object.entries(config.subgraphUrls)) {
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
}
const policy = new SupergraphPolicy(supergraph);
const demandControl = new DemandControl(policy);
const shared = config.redis ? await SharedState.connect(config.redis, logger, metrics.registry) : null;
const authenticator = new Authenticator(config.auth, createApiKeyVerifier(config.subgraphUrls.partners, config.auth, logger, shared));
const buckets = shared ? new SharedBucketStore(shared) : new MemoryBucketStore();
const trusted = TrustedDocuments.fromFile(config.persistedQueries.manifestFile);
const production = config.environment === 'production';
const limits = gatewayLimits(config.limits, { production });
// A partner token naming a partner the directory does not hold is refused, as by ours.
const knownPartners = new KnownPartners(
  partnersDirectoryLookup(config.subgraphUrls.partners, config.auth.internalSecret, config.resilience.subgraphTimeoutMs),
  { cacheSeconds: config.auth.partnerCacheSeconds },
  logger,
);
const subgraphOf = new Map(Object.entries(config.subgraphUrls).map(([name, url]) => [url, name]));

/** Each client request's verified caller. */
const callers = new WeakMap();
const callerOf = (context) => ('request' in context ? callers.get(context.request) : undefined);
const refusal = (status, code, message) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
/** Content types a browser may send across origins without a preflight (CSRF prevention refuses them, as ours: Apollo Server's rule). */
const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
const CSRF_REFUSAL =
  "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header " +
  `(with a type that is not one of ${SIMPLE_TYPES.join(', ')}) or provide a non-empty value for one of the following headers: ` +
  'x-apollo-operation-name, apollo-require-preflight';
/** A request a browser could send from another site without asking first. */
const crossSiteSuspect = (contentType, headers) => {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const preflighted = Boolean(headers.get('apollo-require-preflight') || headers.get('x-apollo-operation-name'));
  return (type === '' || SIMPLE_TYPES.includes(type)) && !preflighted;
};
const refuse = (message, code, status) => new GraphQLError(message, { extensions: { ...(code ? { code } : {}), http: { status } } });

/**
 * A browser loading the development IDE page itself (Hive's GraphiQL, in place of our Sandbox): a
 * GET that asks for HTML and carries no operation. Anything else needs credentials.
 */
const asksForLandingPage = (method, accept, url) =>
  !production &&
  method === 'GET' &&
  /\btext\/html\b/.test(accept ?? '') &&
  !url.searchParams.has('query') &&
  !url.searchParams.has('extensions');

/**
 * The operation with each inline fragment that always applies (no type condition, or its own
 * selection's object type; no directives) written out in place: the same operation to any
 * executor. Hive's JavaScript planner (@graphql-tools/delegate) leaves out of a subgraph request an
 * inline fragment holding only `__typename`; when that was a field's whole selection the field went
 * too, and Hive answered its non-null value as missing, INTERNAL_SERVER_ERROR (found by the scope
 * fuzzer: `customers { edges { ... on EndCustomerEdge { __typename } } }`; ours and the Rust planner
 * answer it). Other fragments are left as written, for validation to judge them as ours does.
 */
function withAppliedFragmentsInlined(document) {
  const typeInfo = new TypeInfo(policy.schema);
  const alwaysApplies = (selection, type) =>
    selection.kind === Kind.INLINE_FRAGMENT &&
    !selection.directives?.length &&
    (!selection.typeCondition || selection.typeCondition.name.value === type.name);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet: {
        leave(node) {
          const type = typeInfo.getParentType();
          if (!isObjectType(type) || !node.selections.some((selection) => alwaysApplies(selection, type))) return undefined;
          const selections = node.selections.flatMap((selection) =>
            alwaysApplies(selection, type) ? selection.selectionSet.selections : [selection],
          );
          return { ...node, selections };
        },
      },
    }),
  );
}

/** Client requests whose operation has fetched from a subgraph; those retried on the JavaScript planner. */
const fetched = new WeakSet();
const retried = new WeakSet();

const runtime = (unifiedGraphHandler) =>
  createGatewayRuntime({
    supergraph,
    ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
    genericAuth: {
      mode: 'protect-granular',
      resolveUserFn: (context) => callerOf(context) ?? null,
      extractScopes: (identity) => (identity ? [identity.role] : []),
      // Refused fields are taken out (null with an error at their path), as our gateway and Apollo Router do.
      rejectUnauthenticated: false,
      validateUser: ({ user, field, parentType, fieldScopes, typeScopes, fieldAuthArgs, typeAuthArgs, fieldNode, path }) => {
        const roles = user ? [user.role] : [];
        const meets = (scopes) => !scopes || scopes.some((alternative) => alternative.every((scope) => roles.includes(scope)));
        if ((!user && (fieldAuthArgs || typeAuthArgs || fieldScopes || typeScopes)) || !meets(typeScopes) || !meets(fieldScopes)) {
          const who = user ? `the ${user.role} role` : 'an anonymous caller';
          return new GraphQLError(
            `${parentType.name}.${field.name} is not for ${who}: the supergraph's @requiresScopes/@authenticated policy leaves it out.`,
            { nodes: [fieldNode], path: path.filter((key) => key !== '@'), extensions: { code: 'FORBIDDEN' } },
          );
        }
      },
    },
    plugins: () => [
      {
        /** Credentials first: no caller, no GraphQL (HTTP 401), as our gateway answers. */
        async onRequest({ request, url, endResponse }) {
          if (url.pathname !== '/graphql' || asksForLandingPage(request.method, request.headers.get('accept'), url)) return;
          try {
            const identity = await authenticator.authenticateRequest(Object.fromEntries(request.headers));
            if (identity.partnerId !== null && !(await knownPartners.exists(identity.partnerId))) {
              throw new AuthenticationError(`The credentials name partner "${identity.partnerId}", which is not in the directory.`);
            }
            callers.set(request, identity);
          } catch (error) {
            if (error instanceof ApiKeyUnverifiableError || error instanceof PartnerUnverifiableError) {
              return endResponse(refusal(503, 'SERVICE_UNAVAILABLE', error.message));
            }
            if (error instanceof AuthenticationError) return endResponse(refusal(401, 'UNAUTHENTICATED', error.message));
            throw error;
          }
        },
        /**
         * Parsing (the token limit, syntax errors as HTTP 400), mutations over GET, automatic persisted
         * queries as Apollo Server checks them, and the persisted-query manifest: ids become their
         * text, and under the safelist nothing else runs.
         */
        onParams({ params, request, setParams }) {
          const persisted = params.extensions?.persistedQuery;
          if (persisted !== undefined && persisted.version !== 1) throw refuse('Unsupported persisted query version', undefined, 400);
          const id = persisted?.sha256Hash;
          if (typeof params.query === 'string' && typeof id === 'string' && sha256(params.query) !== id) {
            throw refuse('provided sha does not match query', undefined, 400);
          }
          const known = typeof id === 'string' ? trusted.bodyOf(id) : undefined;
          const query = typeof params.query === 'string' ? params.query : known;
          if (params.query === undefined && known) setParams({ ...params, query: known });
          const held = heldToSafelist(config.persistedQueries.mode, callers.get(request));
          if (held && !(typeof params.query === 'string' ? trusted.isTrusted(params.query) : known !== undefined)) {
            const whom = config.persistedQueries.mode === 'enforce-partners' ? ' for PRIMARY and SECONDARY callers' : '';
            const name = typeof params.operationName === 'string' ? ` "${params.operationName}"` : '';
            throw new GraphQLError(
              `This gateway runs only the operations of its persisted-query manifest${whom}, and the operation${name} is not one of them. ` +
                'Send a documented operation (schema/operations/) as its text or by its id in extensions.persistedQuery.sha256Hash (client/persisted-queries.json).',
              { extensions: { code: PERSISTED_QUERY_NOT_ALLOWED, http: { status: 400 } } },
            );
          }
          // CSRF prevention for GET, after the safelist as ours (a POST's content type is checked in `admit`).
          if (request.method === 'GET' && crossSiteSuspect(request.headers.get('content-type'), request.headers)) {
            throw refuse(CSRF_REFUSAL, 'BAD_REQUEST', 400);
          }
          if (query === undefined) {
            if (typeof id === 'string') throw refuse('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 200);
            return;
          }
          let document;
          try {
            document = parse(query, { maxTokens: config.limits.maxTokens, noLocation: true });
          } catch (error) {
            throw tokenLimitRefusal(error, config.limits.maxTokens) ?? refuse(error.message, 'GRAPHQL_PARSE_FAILED', 400);
          }
          const refused = operationRefusal(document, params.operationName, policy.schema);
          if (refused) throw refused;
          const operation = getOperationAST(document, params.operationName);
          if (request.method === 'GET' && operation && operation.operation !== OperationTypeNode.QUERY) {
            throw refuse(`GET requests only support query operations, not ${operation.operation} operations`, 'BAD_REQUEST', 405);
          }
        },

        onParse() {
          return ({ result, replaceParseResult }) => {
            if (result?.kind === Kind.DOCUMENT) replaceParseResult(withAppliedFragmentsInlined(result));
          };
        },

        /**
         * Depth, aliases, root fields, directives: the same validation rules as ours; then, as ours,
         * introspection for VENDOR and ANALYST callers only. Every refusal here is HTTP 400
         * (introspection 403), as ours.
         */
        onValidate({ addValidationRule, params, context }) {
          for (const rule of limits.apollo.validationRules) addValidationRule(rule);
          return ({ valid, result }) => {
            // Yoga answers validation errors with 200 to `application/json` clients; ours, as Apollo Server, with 400.
            if (!valid) {
              throw new AggregateError(
                result.map((error) =>
                  error.extensions?.http?.status
                    ? error
                    : new GraphQLError(error.message, {
                        nodes: error.nodes,
                        extensions: {
                          ...error.extensions,
                          code: error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED',
                          http: { status: 400 },
                        },
                      }),
                ),
              );
            }
            const identity = callerOf(context);
            const refused = identity ? introspectionRefusal(identity, params.documentAST, params.schema) : null;
            if (refused) throw refused;
            // Variables checked here, before any planner: Hive's Rust runtime answers a bad one with HTTP 200; ours, 400 BAD_USER_INPUT.
            const operation = getOperationAST(params.documentAST, context.params?.operationName);
            const { errors } = operation
              ? getVariableValues(params.schema, operation.variableDefinitions ?? [], context.params?.variables ?? {})
              : {};
            if (errors) {
              throw new AggregateError(
                errors.map(
                  (error) =>
                    new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }),
                ),
              );
            }
          };
        },
        /** Demand control, then the caller's rate-limit bucket (on Redis when shared), before any subgraph is asked. */
        async onExecute({ args, setResultAndStopExecution }) {
          const identity = callerOf(args.contextValue);
          // Every field refused by the policy: nothing left to plan (the Rust planner cannot plan an empty operation).
          const operation = args.document.definitions.find((definition) => definition.kind === 'OperationDefinition');
          if (operation && operation.selectionSet.selections.length === 0) return setResultAndStopExecution({ data: {} });
          const cost = estimateOrRefuse(demandControl, args.document, args.operationName, args.variableValues ?? {});
          if (cost > config.limits.maxCost) throw tooExpensive(cost, config.limits.maxCost);
          // A retry on the JavaScript planner was paid for by its first attempt.
          if (config.rateLimit.burst <= 0 || !identity || retried.has(args.contextValue.request)) return;
          const taken = Math.max(1, cost);
          const budget = await buckets.take(callerKey(identity), taken, config.rateLimit, Date.now());
          if (!budget.allowed) throw rateLimited(taken, budget, config.rateLimit);
        },
        /**
         * The caller, signed for the subgraphs over each subgraph request's exact body; a subgraph that
         * cannot be reached is SERVICE_UNAVAILABLE naming it (never its address), as ours answers.
         */
        async onFetch(payload) {
          const { options, context, url, fetchFn, setFetchFn } = payload;
          const identity = callerOf(context);
          if ('request' in context) fetched.add(context.request);
          const headers = Object.fromEntries(new Headers(options.headers ?? {}));
          delete headers[INTERNAL_IDENTITY_HEADER];
          const body = typeof options.body === 'string' ? options.body : null;
          if (identity && body !== null)
            headers[INTERNAL_IDENTITY_HEADER] = await signInternalIdentity(identity, config.auth.internalSecret, body);
          payload.setOptions({ ...options, headers });
          const subgraph = subgraphOf.get(url);
          if (!subgraph) return;
          setFetchFn(async (...args) => {
            try {
              return await fetchFn(...args);
            } catch (error) {
              logger.warn({ err: error, subgraph }, 'subgraph fetch failed');
              const unavailable = subgraphUnavailable(subgraph, 'unreachable', config.resilience.subgraphTimeoutMs, '', undefined);
              return new Response(JSON.stringify({ errors: [unavailable.toJSON()] }), { headers: { 'content-type': 'application/json' } });
            }
          });
        },
      },
      {
        /** Errors as the caller asked, as ours answers them (gateway/errors-as-asked.ts): each once, none about a field it did not select. */
        onExecute() {
          return {
            onExecuteDone({ result, setResult }) {
              if (!result || Symbol.asyncIterator in result || !result.errors?.length) return;
              const errors = keptErrors(result.errors, result.data);
              if (errors.length !== result.errors.length) setResult({ ...result, errors: errors.length > 0 ? errors : undefined });
            },
          };
        },
      },
    ],
    landingPage: false,
    // The development IDE page (ours serves Apollo Sandbox there); production has none, as ours.
    graphiql: !production,
    // Introspection is refused to partner roles in onValidate, as ours (403 FORBIDDEN).
    logging: config.logLevel === 'silent' ? false : 'error',
    maskedErrors: production,
    // One operation per request, as ours.
    batching: false,
    /**
     * Each root field its own subgraph request (JavaScript planner). Hive merges the root fields bound
     * for one subgraph into one request (`_v0_…`, `_v1_…`); when the subgraph refuses one non-null
     * root field it nulls its whole answer, and Hive then reported the other field's "Cannot return
     * null" (an internal error) and lost the refusal (found by the scope fuzzer: a secondary's
     * agreements beside another primary's resellerNetwork). Apart, the refusal is the answer,
     * FORBIDDEN at its path, as ours and the Rust planner answer.
     */
    __experimental__batchExecution: false,
  });
const gateway = runtime(values.router ? (await import('@graphql-hive/router-runtime')).unifiedGraphHandler : undefined);
/**
 * The Rust planner cannot plan a few valid operations (a field with @requires under a nested entity
 * of the same type): with nothing fetched yet, the JavaScript planner answers them, as ours falls
 * back to @apollo/gateway's planner, instead of an HTTP 500.
 */
const fallback = values.router ? runtime(undefined) : null;

/** Every error as ours formats it: no stack traces or internal addresses, our codes, no suggestions in production. */
const formatError = limits.formatError(maskInternalErrors(logger, { internalUrls: Object.values(config.subgraphUrls) }));
/** Codes the gateway gives itself (limits, the safelist): passed on as they are, as ours does. */
const OWN_CODES = new Set([
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'ROOT_FIELD_LIMIT_EXCEEDED',
  'TOKEN_LIMIT_EXCEEDED',
  'DIRECTIVE_LIMIT_EXCEEDED',
  PERSISTED_QUERY_NOT_ALLOWED,
]);
const VARIABLE_VALUE = /^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/;
function asOurs(error, status) {
  // Hive names the subgraph behind an error (`serviceName`); ours does not say where an error came from.
  const { serviceName: _serviceName, http: _http, ...extensions } = error.extensions ?? {};
  let code = extensions.code;
  if (code === undefined && VARIABLE_VALUE.test(error.message)) code = 'BAD_USER_INPUT';
  const formatted = { ...error, extensions: { ...extensions, ...(code ? { code } : {}) } };
  if (OWN_CODES.has(code)) return formatted;
  return formatError(formatted, { extensions: { ...formatted.extensions, http: { status } } });
}

const BAD_REQUEST = (status, message) => ({ status, code: 'BAD_REQUEST', message });

/**
 * The HTTP request as ours (Apollo Server behind express) takes it, before Hive sees it: GET or
 * POST only, CSRF prevention, a JSON body of one operation within MAX_BODY_SIZE (gzip or deflate
 * decoded), in UTF-8. Returns the refusal, or the body to hand on.
 */
async function admit(request) {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return BAD_REQUEST(405, 'Apollo Server supports only GET/POST requests.');
  }
  if (request.method === 'GET') return { body: null };
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (crossSiteSuspect(type, new Headers(request.headers))) return BAD_REQUEST(400, CSRF_REFUSAL);
  if (type !== 'application/json') return BAD_REQUEST(400, 'POST body missing, invalid Content-Type, or JSON object has no keys.');
  const charset = /;\s*charset=([^;]+)/i
    .exec(request.headers['content-type'] ?? '')?.[1]
    ?.trim()
    .replace(/"/g, '')
    .toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    return BAD_REQUEST(415, `Bad request: unsupported charset "${charset.toUpperCase()}".`);
  const tooLarge = {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: `The request body is larger than the limit of ${limits.bodyLimit} bytes.`,
  };
  if (Number(request.headers['content-length'] ?? 0) > limits.bodyLimit) return tooLarge;
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > limits.bodyLimit) return tooLarge;
    chunks.push(chunk);
  }
  let raw = Buffer.concat(chunks);
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'gzip' || encoding === 'deflate') {
    try {
      raw = (encoding === 'gzip' ? zlib.gunzipSync : zlib.inflateSync)(raw, { maxOutputLength: limits.bodyLimit });
    } catch (error) {
      if (error.code === 'ERR_BUFFER_TOO_LARGE') return tooLarge;
      return BAD_REQUEST(
        400,
        'The request body is not valid data for its Content-Encoding (gzip or deflate): send it encoded, or without the header.',
      );
    }
  } else if (encoding !== 'identity') return BAD_REQUEST(415, `Bad request: unsupported content encoding "${encoding}".`);
  let body;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return BAD_REQUEST(400, 'The request body is not valid JSON.');
  }
  if (Array.isArray(body)) return BAD_REQUEST(400, 'Operation batching disabled.');
  if (body === null || typeof body !== 'object' || Object.keys(body).length === 0) {
    return BAD_REQUEST(400, 'POST body missing, invalid Content-Type, or JSON object has no keys.');
  }
  if (
    (body.query !== undefined && typeof body.query !== 'string') ||
    (body.operationName != null && typeof body.operationName !== 'string')
  ) {
    return BAD_REQUEST(400, 'GraphQL queries must be strings.');
  }
  if (body.variables != null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) {
    return BAD_REQUEST(400, '`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.');
  }
  if (body.query === undefined && body.extensions?.persistedQuery === undefined) {
    return BAD_REQUEST(400, 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.');
  }
  return { body: JSON.stringify(body) };
}

/** /health, /ready, then the request checks of `admit`; the rest is Hive's, its JSON answers formatted as ours. */
async function serve(request, response) {
  const url = new URL(request.url ?? '/', 'http://gateway');
  const json = (status, value) => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  if (url.pathname === '/health') return json(200, { ok: true });
  if (url.pathname === '/ready') {
    const report = await subgraphReadiness(config.subgraphUrls);
    const checks = shared ? { ...report.checks, redis: shared.readiness() } : report.checks;
    return json(report.ready ? 200 : 503, { ready: report.ready, checks });
  }
  if (url.pathname !== '/graphql')
    return json(404, { errors: [{ message: `No route ${url.pathname}: GraphQL is at /graphql.`, extensions: { code: 'NOT_FOUND' } }] });
  const admitted = await admit(request);
  if (!('body' in admitted)) {
    request.resume();
    return json(admitted.status, { errors: [{ message: admitted.message, extensions: { code: admitted.code } }] });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !['content-length', 'content-encoding', 'transfer-encoding'].includes(name))
      headers.set(name, String(value));
  }
  const attempt = () =>
    new Request(`http://gateway${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      ...(admitted.body === null ? {} : { body: admitted.body }),
    });
  const first = attempt();
  let answer = await gateway.fetch(first);
  if (fallback && answer.status === 500 && !fetched.has(first)) {
    logger.warn("The Rust query planner failed on this operation; Hive's JavaScript planner answers it");
    const retry = attempt();
    retried.add(retry);
    answer = await fallback.fetch(retry);
  }
  const type = answer.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    return void response.end(Buffer.from(await answer.arrayBuffer()));
  }
  const result = await answer.json();
  if (Array.isArray(result.errors)) result.errors = result.errors.map((error) => asOurs(error, answer.status));
  const kept = Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'content-encoding'].includes(name)));
  response.writeHead(answer.status, { ...kept, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(result));
}
const server = http.createServer((request, response) => {
  serve(request, response).catch((error) => {
    logger.error({ err: error }, 'request failed');
    if (!response.headersSent) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    }
  });
});
server.listen(port, config.host, () => logger.info({ port, planner: values.router ? 'rust' : 'javascript' }, 'Hive Gateway listening'));
const stop = () =>
  server.close(() => {
    void (shared ? shared.close() : Promise.resolve()).finally(() => process.exit(0));
  });
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
