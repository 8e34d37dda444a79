import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { startGateway } from './gateway';

const logger = createLogger('gateway');

(async () => {
  const gateway = await startGateway(loadConfig(), { logger });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await gateway.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
})().catch((error) => {
  logger.fatal({ err: error }, `gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
});
