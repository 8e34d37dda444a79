import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { AppConfig, SubgraphName } from '../../common/config';
import { maskInternalErrors } from '../../common/errors';
import { startGraphQLService, type RunningService } from '../../common/http';
import { createLogger, type Logger } from '../../common/logger';
import { callerOf, type Caller } from './auth';
import { ServiceMetrics } from '../../common/metrics';
import type { StoreDefinition } from './data-source';
import { SubgraphDatabase } from './database';
import type { FederatedSchema } from './federated-schema';
import type { WriteSettings } from './writes/writer';

/** What each subgraph folder exports: the same shape for all four. */
export interface SubgraphModule<TContext extends object> {
  name: SubgraphName;
  store: StoreDefinition;
  buildSchema(): Promise<FederatedSchema>;
  /** Called once per request: fresh loaders, so nothing is cached across requests. */
  createContext(dataSource: DataSource, peers: SubgraphPeers, caller: Caller, writes: WriteSettings): TContext;
}

/**
 * How the few rules that call another subgraph explicitly reach it: over HTTP at `urls`, each
 * request signed for the caller with `internalSecret`; or `inProcess` (the bulk import, whose
 * peers must see its open transactions).
 */
export type SubgraphPeers =
  { urls: Readonly<Record<SubgraphName, string>>; internalSecret: string; inProcess?: undefined } | { inProcess: PeerTransport };

type PeerTransport = (peer: SubgraphName, caller: Caller, query: string, variables: Record<string, unknown>) => Promise<PeerAnswer>;

export interface PeerAnswer {
  data?: unknown;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: unknown } }>;
}

export interface RunningSubgraph extends RunningService {
  dataSource: DataSource;
  /** Settles when the database is connected (the subgraph answers /health before that). */
  databaseReady: Promise<void>;
}

export async function startSubgraph<TContext extends object>(
  module: SubgraphModule<TContext>,
  config: AppConfig,
  options: { port?: number; logger?: Logger; dataSource?: DataSource; peers?: SubgraphPeers } = {},
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(module.name, config.logLevel);
  const metrics = new ServiceMetrics(module.name);
  const databaseOptions = { logger, metrics, statementTimeoutMs: config.resilience.statementTimeoutMs };
  // Alone, a subgraph connects in the background with retries: it starts even when the database is late.
  const database = options.dataSource
    ? SubgraphDatabase.adopt(options.dataSource, databaseOptions)
    : SubgraphDatabase.open(config.store, module.store, { ...databaseOptions, runMigrations: config.runMigrations });
  const dataSource = database.dataSource;
  // An adopted data source is already connected: instrument it and set its statement timeout before serving.
  if (options.dataSource) await database.ready;
  const { schema } = await module.buildSchema();
  const peers = options.peers ?? { urls: config.subgraphUrls, internalSecret: config.auth.internalSecret };
  const service = await startGraphQLService<TContext>({
    service: module.name,
    host: config.host,
    port: options.port ?? config.ports[module.name],
    logger,
    metrics,
    drainMillis: config.resilience.shutdownGraceMs,
    apollo: {
      schema,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors(logger),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    },
    context: async ({ req }) => {
      if (!database.isConnected) {
        throw new GraphQLError(`The ${module.name} subgraph is not connected to its database yet; try again shortly.`, {
          extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
        });
      }
      return module.createContext(dataSource, peers, await callerOf(req, config.auth.internalSecret), config.writes);
    },
    readiness: async () => {
      const status = await database.status();
      return { ready: status.ok, checks: { database: status } };
    },
  });
  return {
    ...service,
    dataSource,
    databaseReady: database.ready,
    async close() {
      await service.close();
      await database.close();
    },
  };
}
