import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { SUBGRAPH_NAMES, type AppConfig, type SubgraphName } from '../common/config';
import { maskInternalErrors } from '../common/errors';
import { startGraphQLService, type ReadinessReport, type RunningService } from '../common/http';
import { createLogger, type Logger } from '../common/logger';
import { schemaPath } from '../common/paths';

// The gateway reaches nothing but its subgraphs: no usage telemetry leaves the machine.
process.env.APOLLO_TELEMETRY_DISABLED ??= '1';

export interface GatewayOptions {
  port?: number;
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  logger?: Logger;
}

/** Apollo Server + @apollo/gateway on the committed supergraph: no introspection of subgraphs at start-up. */
export async function startGateway(config: AppConfig, options: GatewayOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const subgraphUrls = { ...config.subgraphUrls, ...options.subgraphUrls };
  const production = config.environment === 'production';

  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'),
    buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: subgraphUrls[name as SubgraphName] ?? url }),
    logger,
  });

  return startGraphQLService({
    service: 'gateway',
    host: config.host,
    port: options.port ?? config.ports.gateway,
    logger,
    apollo: {
      gateway,
      introspection: !production,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors(logger),
      plugins: [
        production
          ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
          : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false, includeCookies: false }),
      ],
    },
    context: async () => ({}),
    readiness: () => subgraphReadiness(subgraphUrls),
    routes: (app) => app.get('/', (_req, res) => res.redirect('/graphql')),
  });
}

/** The gateway is ready when every subgraph says it is. */
async function subgraphReadiness(urls: Record<SubgraphName, string>): Promise<ReadinessReport> {
  const checks: ReadinessReport['checks'] = {};
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const readyUrl = urls[name].replace(/\/graphql\/?$/, '/ready');
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
        checks[name] = response.ok ? { ok: true } : { ok: false, detail: `${readyUrl} answered ${response.status}` };
      } catch (error) {
        checks[name] = { ok: false, detail: `${readyUrl} unreachable: ${(error as Error).message}` };
      }
    }),
  );
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}
