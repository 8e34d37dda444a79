import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { startSubgraph, type SubgraphModule } from './subgraph';

/** Entry point of a subgraph running alone: config from the environment, stop on SIGTERM/SIGINT. */
export function runSubgraphMain<TContext extends object>(module: SubgraphModule<TContext>): void {
  const logger = createLogger(module.name);
  (async () => {
    const config = loadConfig();
    const running = await startSubgraph(module, config, { logger });
    const stop = async (signal: string) => {
      logger.info({ signal }, 'shutting down');
      await running.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  })().catch((error) => {
    logger.fatal({ err: error }, `${module.name} failed to start: ${(error as Error).message}`);
    process.exit(1);
  });
}
