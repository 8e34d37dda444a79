// Plain JavaScript on purpose: Hive's type declarations (graphql-yoga's) redefine graphql-js's
// error extensions differently from Apollo Server's, so TypeScript never loads them here.
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { GraphQLError, parse } from 'graphql';
// The compiled modules (npm run build): the same configuration, credentials, identity signing,
// shared state, policy and limits as our own gateway, so swapping the gateway tier keeps them all.
import { loadConfig } from '../dist/common/config.js';
import { callerKey, INTERNAL_IDENTITY_HEADER, signInternalIdentity } from '../dist/common/identity.js';
import { createLogger } from '../dist/common/logger.js';
import { ServiceMetrics } from '../dist/common/metrics.js';
import { schemaPath } from '../dist/common/paths.js';
import { createApiKeyVerifier } from '../dist/gateway/api-keys.js';
import { ApiKeyUnverifiableError, AuthenticationError, Authenticator } from '../dist/gateway/auth.js';
import { DemandControl, estimateOrRefuse, tooExpensive } from '../dist/gateway/demand-control.js';
import { keptErrors } from '../dist/gateway/errors-as-asked.js';
import { subgraphReadiness } from '../dist/gateway/readiness.js';
import { gatewayLimits, tokenLimitRefusal } from '../dist/gateway/limits.js';
import { heldToSafelist, PERSISTED_QUERY_NOT_ALLOWED, TrustedDocuments } from '../dist/gateway/persisted-queries.js';
import { MemoryBucketStore, rateLimited, SharedBucketStore } from '../dist/gateway/rate-limit.js';
import { SharedState } from '../dist/gateway/shared-state.js';
import { SupergraphPolicy } from '../dist/gateway/supergraph-policy.js';

/**
 * Hive Gateway as the production gateway tier, on the committed supergraph and the same
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
const limits = gatewayLimits(config.limits, { production: config.environment === 'production' });

/** Each client request's verified caller. */
const callers = new WeakMap();
const callerOf = (context) => ('request' in context ? callers.get(context.request) : undefined);
const refusal = (status, code, message, headers = {}) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const gateway = createGatewayRuntime({
  supergraph,
  ...(values.router ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {}),
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
        if (url.pathname !== '/graphql') return;
        try {
          callers.set(request, await authenticator.authenticateRequest(Object.fromEntries(request.headers)));
        } catch (error) {
          if (error instanceof ApiKeyUnverifiableError) return endResponse(refusal(503, 'SERVICE_UNAVAILABLE', error.message));
          if (error instanceof AuthenticationError) return endResponse(refusal(401, 'UNAUTHENTICATED', error.message));
          throw error;
        }
      },
      /** Token limit; the persisted-query manifest: ids become their text, and under the safelist nothing else runs. */
      onParams({ params, request, setParams }) {
        // graphql-js's token limit, counted by its parser as ours does; here, where a refusal can be HTTP 400.
        if (typeof params.query === 'string') {
          try {
            parse(params.query, { maxTokens: config.limits.maxTokens, noLocation: true });
          } catch (error) {
            const refusal = tokenLimitRefusal(error, config.limits.maxTokens);
            if (refusal) throw refusal;
          }
        }
        const id = params.extensions?.persistedQuery?.sha256Hash;
        const known = typeof id === 'string' ? trusted.bodyOf(id) : undefined;
        if (params.query === undefined && known) setParams({ ...params, query: known });
        if (!heldToSafelist(config.persistedQueries.mode, callers.get(request))) return;
        if (typeof params.query === 'string' ? trusted.isTrusted(params.query) : known !== undefined) return;
        const whom = config.persistedQueries.mode === 'enforce-partners' ? ' for PRIMARY and SECONDARY callers' : '';
        const name = typeof params.operationName === 'string' ? ` "${params.operationName}"` : '';
        throw new GraphQLError(
          `This gateway runs only the operations of its persisted-query manifest${whom}, and the operation${name} is not one of them. ` +
            'Send a documented operation (schema/operations/) as its text or by its id in extensions.persistedQuery.sha256Hash (client/persisted-queries.json).',
          { extensions: { code: PERSISTED_QUERY_NOT_ALLOWED, http: { status: 400 } } },
        );
      },

      /** Depth, aliases, root fields, directives: the same validation rules as ours, refused with HTTP 400 as ours. */
      onValidate({ addValidationRule }) {
        for (const rule of limits.apollo.validationRules) addValidationRule(rule);
        return ({ valid, result }) => {
          // Yoga answers validation errors with 200 to `application/json` clients; a limit is a refusal.
          if (!valid && result.some((error) => error.extensions?.http?.status)) throw new AggregateError(result);
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
        if (config.rateLimit.burst <= 0 || !identity) return;
        const taken = Math.max(1, cost);
        const budget = await buckets.take(callerKey(identity), taken, config.rateLimit, Date.now());
        if (!budget.allowed) throw rateLimited(taken, budget, config.rateLimit);
      },
      /** The caller, signed for the subgraphs over each subgraph request's exact body. */
      async onFetch(payload) {
        const { options, context } = payload;
        const identity = callerOf(context);
        const headers = Object.fromEntries(new Headers(options.headers ?? {}));
        delete headers[INTERNAL_IDENTITY_HEADER];
        const body = typeof options.body === 'string' ? options.body : null;
        if (identity && body !== null)
          headers[INTERNAL_IDENTITY_HEADER] = await signInternalIdentity(identity, config.auth.internalSecret, body);
        payload.setOptions({ ...options, headers });
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
  graphiql: false,
  // Introspection stays with VENDOR and ANALYST callers, as ours: partners get no schema.
  disableIntrospection: { disableIf: ({ context }) => !['VENDOR', 'ANALYST'].includes(callerOf(context)?.role) },
  logging: config.logLevel === 'silent' ? false : 'error',
  maskedErrors: config.environment === 'production',
});

/** /health, /ready and the body limit here; everything else is the runtime's (a promise-returning request listener). */
async function serve(request, response) {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/health') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  if (path === '/ready') {
    const report = await subgraphReadiness(config.subgraphUrls);
    const checks = shared ? { ...report.checks, redis: shared.readiness() } : report.checks;
    return void response
      .writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ready: report.ready, checks }));
  }
  if (Number(request.headers['content-length'] ?? 0) > limits.bodyLimit) {
    return void response.writeHead(413, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        errors: [{ message: `Request body larger than ${limits.bodyLimit} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      }),
    );
  }
  await gateway(request, response);
}
const server = http.createServer((request, response) => void serve(request, response));
server.listen(port, config.host, () => logger.info({ port, planner: values.router ? 'rust' : 'javascript' }, 'Hive Gateway listening'));
const stop = () =>
  server.close(() => {
    void (shared ? shared.close() : Promise.resolve()).finally(() => process.exit(0));
  });
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
