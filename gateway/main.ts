import '../common/tracing';
import { loadConfig } from '../common/config';
import { exitGracefullyOnSignals } from '../common/lifecycle';
import { createLogger } from '../common/logger';
import { startGateway } from './gateway';

const logger = createLogger('gateway');

(async () => {
  const config = loadConfig();
  const gateway = await startGateway(config, { logger });
  exitGracefullyOnSignals(logger, () => gateway.close(), config.resilience.shutdownGraceMs);
})().catch((error) => {
  logger.fatal({ err: error }, `gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
});
