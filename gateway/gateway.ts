import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { ApolloGateway, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError, GraphQLScalarType, OperationTypeNode, type GraphQLSchema } from 'graphql';
import type express from 'express';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { SUBGRAPH_NAMES, type AppConfig, type SubgraphName } from '../common/config';
import { maskInternalErrors } from '../common/errors';
import { startGraphQLService, type RunningService } from '../common/http';
import { createLogger, type Logger } from '../common/logger';
import { callerKey, INTERNAL_IDENTITY_HEADER, signInternalIdentity, type Identity } from '../common/identity';
import { ServiceMetrics } from '../common/metrics';
import { REQUEST_ID_HEADER } from '../common/request-id';
import { schemaPath } from '../common/paths';
import { DATE_SCALAR_BEHAVIOUR } from '../common/dates';
import { createApiKeyVerifier } from './api-keys';
import { KnownPartners, PartnerUnverifiableError, partnersDirectoryLookup } from './known-partners';
import { fromLoopback, mountDashboard } from './dashboard';
import { mountIde } from './ide';
import { enforceSafelist, persistedQueryPlugin, TrustedDocuments } from './persisted-queries';
import { sandboxLandingPage } from './sandbox';
import { ApiKeyUnverifiableError, AuthenticationError, Authenticator } from './auth';
import { introspectionForWholeChannelRoles } from './introspection';
import { gatewayLimits } from './limits';
import { errorsAsAsked } from './errors-as-asked';
import { operationChecks } from './operation-checks';
import { MemoryBucketStore, rateLimitPlugin, SharedBucketStore } from './rate-limit';
import { MemoryAnswerStore, responseCachePlugin, SharedAnswerStore } from './response-cache';
import { SharedState } from './shared-state';
import { AnsweredWrites, copyOf, inFlightAnswersPlugin, InFlightReads, sharingKey } from './in-flight';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { ResilientDataSource, SubgraphFetchMetrics } from './resilient-data-source';
import { withRustQueryPlanner } from './rust-query-planner';
import { subgraphReadiness } from './readiness';
import { Authorization, withAuthorization } from './authorization';
import { DemandControl, demandControlPlugin } from './demand-control';
import { SupergraphPolicy, supergraphForPlanner } from './supergraph-policy';

/**
 * The API schema built from the supergraph knows `Date` by name only and would pass any value on to
 * a subgraph; the gateway checks dates itself, for both planners, so a bad one is the caller's
 * BAD_USER_INPUT naming the argument or variable, before any subgraph is asked.
 */
function checkDatesAtTheEdge(schema: GraphQLSchema): void {
  const date = schema.getType('Date');
  if (date instanceof GraphQLScalarType) Object.assign(date, DATE_SCALAR_BEHAVIOUR);
}

/** Per request: the verified caller. */
interface GatewayContext {
  identity: Identity;
  /** The request's id (x-request-id), forwarded to every subgraph fetch. */
  requestId?: string;
}

/**
 * Forwards the verified caller (a client cannot set this header itself) and the request id to every
 * subgraph fetch; timeouts and circuit breaking come from ResilientDataSource. The caller is
 * signed in the fetch itself, over the exact body sent (common/identity.ts), so a captured header
 * is worthless with any other operation.
 */
class IdentityForwardingDataSource extends ResilientDataSource<GatewayContext> {
  /**
   * The JSON text of each subgraph answer, by its parsed body's data: a caller that joined a shared
   * read gets its own copy parsed from the text, 2.5× cheaper than a structured clone of the data
   * (bench/README.md), and untouched by the first caller's merging whenever it is made.
   */
  private readonly texts = new WeakMap<object, string>();
  private readonly inFlight = new InFlightReads((response) => {
    const text = response.data ? this.texts.get(response.data) : undefined;
    if (text === undefined) return copyOf(response);
    const { data, errors, extensions } = JSON.parse(text) as GatewayGraphQLResponse;
    return { ...response, data, errors, extensions };
  });
  /** The caller of the fetch under way, for the fetcher (which sees the body; process() sees the caller). */
  private readonly caller = new AsyncLocalStorage<Identity>();

  constructor(
    subgraph: SubgraphName,
    url: string,
    config: AppConfig,
    metrics: SubgraphFetchMetrics,
    private readonly writes: AnsweredWrites,
  ) {
    super(subgraph, url, config.resilience, metrics);
    const send = this.fetcher;
    this.fetcher = async (url, init = {}) => {
      const identity = this.caller.getStore();
      if (!identity) return send(url, init);
      const signed = await signInternalIdentity(identity, config.auth.internalSecret, init.body ?? '');
      return send(url, { ...init, headers: { ...init.headers, [INTERNAL_IDENTITY_HEADER]: signed } });
    };
  }

  /**
   * Reads of a query operation are shared with identical ones in flight for callers who see the same
   * data (`sharingKey`) and started since the same answered write (`AnsweredWrites`); mutations never.
   */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return super.process(options);
    const { identity } = options.context;
    const asCaller = () => this.caller.run(identity, () => super.process(options));
    if (options.incomingRequestContext.operation?.operation !== OperationTypeNode.QUERY) return asCaller();
    const query = options.request.query ?? '';
    const key = `${sharingKey(identity, query)}\n${this.writes.current}\n${query}\n${JSON.stringify(options.request.variables ?? {})}`;
    return this.inFlight.share(key, asCaller);
  }

  /** JSON answers are parsed from their text, which is kept for the callers that joined the read (`texts`). */
  override async parseBody(...args: Parameters<ResilientDataSource<GatewayContext>['parseBody']>): Promise<object | string> {
    const [response] = args;
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.startsWith('application/json') && !type.startsWith('application/graphql-response+json')) return super.parseBody(...args);
    const text = await response.text();
    const body = JSON.parse(text) as { data?: unknown };
    if (body !== null && typeof body.data === 'object' && body.data !== null) this.texts.set(body.data, text);
    return body;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // The gateway's own fetches (health checks, schema loading) carry no caller.
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const { request, context } = options;
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

/** Every request to /graphql needs credentials (bearer token or API key), except a browser loading the Sandbox page itself. */
function requireCaller(authenticator: Authenticator, knownPartners: KnownPartners): express.RequestHandler {
  const authenticate = async (headers: IncomingHttpHeaders) => {
    const identity = await authenticator.authenticateRequest(headers);
    // A partner token for a partner that is not in the directory is refused, as an unknown key is.
    if (identity.partnerId !== null && !(await knownPartners.exists(identity.partnerId))) {
      throw new AuthenticationError(`The credentials name partner "${identity.partnerId}", which is not in the directory.`);
    }
    return identity;
  };
  return (req, res, next) => {
    if (asksForLandingPage(req)) return next();
    authenticate(req.headers).then(
      (identity) => {
        res.locals.identity = identity;
        next();
      },
      (error: unknown) => {
        if (error instanceof ApiKeyUnverifiableError || error instanceof PartnerUnverifiableError) {
          return res.status(503).json({ errors: [{ message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        }
        if (!(error instanceof AuthenticationError)) return next(error);
        res.status(401).json({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
      },
    );
  };
}

/**
 * A browser loading the Sandbox page itself: a GET that asks for HTML by name and carries no
 * operation. Anything else (curl's default Accept of any type, no Accept, a query in the URL) needs credentials.
 */
function asksForLandingPage(req: express.Request): boolean {
  if (req.method !== 'GET' || !/\btext\/html\b/.test(req.headers.accept ?? '')) return false;
  const { query, extensions } = req.query;
  return query === undefined && extensions === undefined && req.accepts(['text/html', 'application/json']) === 'text/html';
}

/** In development, another machine asking for the Sandbox page (which carries the token) is sent to the query IDE instead. */
const sandboxForLoopbackOnly: express.RequestHandler = (req, res, next) => {
  if (!asksForLandingPage(req) || fromLoopback(req)) return next();
  res.status(403).json({
    errors: [
      {
        message: 'Apollo Sandbox with the development token is served to this machine only; use the query IDE at /ide with your own token.',
        extensions: { code: 'FORBIDDEN' },
      },
    ],
  });
};

// The gateway reaches nothing but its subgraphs: no usage telemetry leaves the machine.
process.env.APOLLO_TELEMETRY_DISABLED ??= '1';

export interface GatewayOptions {
  port?: number;
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  logger?: Logger;
  /** Development: a token the Sandbox landing page sends with every operation. */
  sandboxToken?: string;
}

/**
 * Apollo Server + @apollo/gateway on the supergraph `npm run build` wrote (no introspection of subgraphs at
 * start-up), with operations planned and executed by Hive's Rust planner unless
 * GATEWAY_QUERY_PLANNER=apollo (gateway/rust-query-planner.ts).
 */
export async function startGateway(config: AppConfig, options: GatewayOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const subgraphUrls = { ...config.subgraphUrls, ...options.subgraphUrls };
  const production = config.environment === 'production';

  const metrics = new ServiceMetrics('gateway');
  const fetchMetrics = new SubgraphFetchMetrics(metrics.registry);
  const supergraphSdl = fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8');
  // Authorization and cost as the subgraphs declared them (@requiresScopes, @cost, @listSize …).
  const policy = new SupergraphPolicy(supergraphSdl);
  const plannedSdl = supergraphForPlanner(supergraphSdl);
  const answeredWrites = new AnsweredWrites();
  const dataSources = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, new IdentityForwardingDataSource(name, subgraphUrls[name], config, fetchMetrics, answeredWrites)]),
  ) as Record<SubgraphName, IdentityForwardingDataSource>;
  const apolloGateway = new ApolloGateway({
    supergraphSdl: plannedSdl,
    buildService: ({ name }) => dataSources[name as SubgraphName],
    logger,
  });
  apolloGateway.onSchemaLoadOrUpdate(({ apiSchema }) => checkDatesAtTheEdge(apiSchema));
  const planning =
    config.queryPlanner === 'rust'
      ? withRustQueryPlanner(apolloGateway, plannedSdl, dataSources, subgraphUrls, config.resilience.subgraphTimeoutMs, logger)
      : apolloGateway;
  const gateway = withAuthorization(planning, new Authorization(policy), ({ context }) => (context as GatewayContext).identity ?? null);
  const demandControl = demandControlPlugin<GatewayContext>(new DemandControl(policy), config.limits.maxCost);

  // Rate-limit buckets, cached answers and API-key revocations: on Redis for every gateway, or in this one's memory.
  const shared = config.redis ? await SharedState.connect(config.redis, logger, metrics.registry) : null;
  const answers = new MemoryAnswerStore(config.responseCache.maxEntries);
  const authenticator = new Authenticator(config.auth, createApiKeyVerifier(subgraphUrls.partners, config.auth, logger, shared));
  const knownPartners = new KnownPartners(
    partnersDirectoryLookup(subgraphUrls.partners, config.auth.internalSecret, config.resilience.subgraphTimeoutMs),
    { cacheSeconds: config.auth.partnerCacheSeconds },
    logger,
  );
  const limits = gatewayLimits(config.limits, { production });
  const trustedDocuments = TrustedDocuments.fromFile(config.persistedQueries.manifestFile);
  const starting = startGraphQLService<GatewayContext>({
    service: 'gateway',
    host: config.host,
    port: options.port ?? config.ports.gateway,
    logger,
    metrics,
    drainMillis: config.resilience.shutdownGraceMs,
    apollo: {
      gateway,
      // Open to VENDOR and ANALYST only, in every environment (introspectionForWholeChannelRoles).
      introspection: true,
      includeStacktraceInErrorResponses: false,
      ...limits.apollo,
      formatError: limits.formatError(maskInternalErrors(logger, { internalUrls: Object.values(subgraphUrls) })),
      plugins: [
        errorsAsAsked<GatewayContext>(),
        operationChecks<GatewayContext>(),
        demandControl.plugin,
        rateLimitPlugin<GatewayContext>({
          settings: { burst: config.rateLimit.burst, refillPerSecond: config.rateLimit.refillPerSecond },
          store: shared ? new SharedBucketStore(shared) : new MemoryBucketStore(),
          keyOf: ({ identity }) => callerKey(identity),
          costOf: demandControl.costOf,
        }),
        persistedQueryPlugin<GatewayContext>(trustedDocuments),
        introspectionForWholeChannelRoles<GatewayContext>(),
        responseCachePlugin<GatewayContext>(
          config.responseCache,
          ({ identity }) => callerKey(identity),
          shared ? new SharedAnswerStore(shared, answers, config.auth.internalSecret) : answers,
        ),
        inFlightAnswersPlugin<GatewayContext>(({ identity }) => identity, answeredWrites, config.resilience.subgraphTimeoutMs),
        production ? ApolloServerPluginLandingPageDisabled() : sandboxLandingPage(options.sandboxToken),
      ],
    },
    context: async ({ res }) => {
      const identity = res.locals.identity as Identity | undefined;
      // requireCaller lets only the landing page through without a caller, and that page runs no operation.
      if (!identity) {
        throw new GraphQLError('Missing credentials: send "Authorization: Bearer <token>" or "X-API-Key: <key>".', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
      return { identity, requestId: res.locals.requestId as string };
    },
    readiness: async () => {
      const report = await subgraphReadiness(subgraphUrls);
      return shared ? { ...report, checks: { ...report.checks, redis: shared.readiness() } } : report;
    },
    bodyLimit: limits.bodyLimit,
    routes: (app) => {
      mountDashboard(app, { developmentToken: production ? undefined : options.sandboxToken, sandboxPath: production ? null : '/graphql' });
      mountIde(app);
      // Sandbox's page carries the development token: served to this machine only.
      if (!production && options.sandboxToken) app.get('/graphql', sandboxForLoopbackOnly);
      app.use('/graphql', requireCaller(authenticator, knownPartners));
      const { mode } = config.persistedQueries;
      if (mode !== 'off') app.use('/graphql', ...enforceSafelist(trustedDocuments, limits.bodyLimit, mode));
    },
  });
  const service = await starting.catch(async (error: unknown) => {
    await shared?.close();
    throw error;
  });
  return {
    ...service,
    async close() {
      await service.close();
      await shared?.close();
    },
  };
}
