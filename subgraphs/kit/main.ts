import '../../common/tracing';
import { loadConfig } from '../../common/config';
import { exitGracefullyOnSignals } from '../../common/lifecycle';
import { createLogger } from '../../common/logger';
import { startSubgraph, type SubgraphModule } from './subgraph';

/**
 * Entry point of a subgraph running alone: config from the environment; answers /health at once and
 * connects to its database in the background (retrying); graceful stop on SIGTERM/SIGINT.
 */
export function runSubgraphMain<TContext extends object>(module: SubgraphModule<TContext>): void {
  const logger = createLogger(module.name);
  (async () => {
    const config = loadConfig();
    const running = await startSubgraph(module, config, { logger });
    exitGracefullyOnSignals(logger, () => running.close(), config.resilience.shutdownGraceMs);
  })().catch((error) => {
    logger.fatal({ err: error }, `${module.name} failed to start: ${(error as Error).message}`);
    process.exit(1);
  });
}
