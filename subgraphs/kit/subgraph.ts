import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import type { AppConfig, SubgraphName } from '../../common/config';
import { maskInternalErrors } from '../../common/errors';
import { startGraphQLService, type RunningService } from '../../common/http';
import { createLogger, type Logger } from '../../common/logger';
import { callerFromHeaders, type Caller } from './auth';
import { openDataSource, type StoreDefinition } from './data-source';
import type { FederatedSchema } from './federated-schema';

/** What each subgraph folder exports: the same shape for all four. */
export interface SubgraphModule<TContext extends object> {
  name: SubgraphName;
  store: StoreDefinition;
  buildSchema(): Promise<FederatedSchema>;
  /** Called once per request: fresh loaders, so nothing is cached across requests. */
  createContext(dataSource: DataSource, peers: SubgraphPeers, caller: Caller): TContext;
}

/** Where the other subgraphs answer, for the few rules that call one explicitly. */
export interface SubgraphPeers {
  urls: Readonly<Record<SubgraphName, string>>;
  /** Instead of HTTP: asks a peer in this process (the bulk import, whose peers must see its open transactions). */
  inProcess?: PeerTransport;
}

export type PeerTransport = (peer: SubgraphName, caller: Caller, query: string, variables: Record<string, unknown>) => Promise<PeerAnswer>;

export interface PeerAnswer {
  data?: unknown;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: unknown } }>;
}

export interface RunningSubgraph extends RunningService {
  dataSource: DataSource;
}

export async function startSubgraph<TContext extends object>(
  module: SubgraphModule<TContext>,
  config: AppConfig,
  options: { port?: number; logger?: Logger; dataSource?: DataSource; peers?: SubgraphPeers } = {},
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(module.name, config.logLevel);
  const dataSource = options.dataSource ?? (await openDataSource(config.store, module.store, { runMigrations: config.runMigrations }));
  const { schema } = await module.buildSchema();
  const peers = options.peers ?? { urls: config.subgraphUrls };
  const service = await startGraphQLService<TContext>({
    service: module.name,
    host: config.host,
    port: options.port ?? config.ports[module.name],
    logger,
    apollo: {
      schema,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors(logger),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    },
    context: async ({ req }) => module.createContext(dataSource, peers, await callerFromHeaders(req.headers, config.auth.internalSecret)),
    readiness: async () => {
      try {
        await dataSource.query('SELECT 1');
        return { ready: true, checks: { database: { ok: true } } };
      } catch (error) {
        return { ready: false, checks: { database: { ok: false, detail: (error as Error).message } } };
      }
    },
  });
  return {
    ...service,
    dataSource,
    async close() {
      await service.close();
      if (!options.dataSource && dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
