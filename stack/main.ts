import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { startStack } from './stack';

/** `npm start`: the whole stack in one process, on the configured store, seeded with demo data on first start. */
const logger = createLogger('stack');

(async () => {
  const config = loadConfig();
  const seed = config.seedOnStart === 'none' ? null : config.seedOnStart;
  const stack = await startStack(config, { ports: 'configured', seed });
  const where = config.store.kind === 'sqlite' ? `SQLite in ${config.store.directory}` : `MySQL at ${config.store.host}:${config.store.port}`;
  const url = `http://localhost:${stack.gateway.port}/graphql`;
  console.log(
    [
      '',
      `Channel Graph is up on ${where}${stack.seeded === 'seeded' ? ' (seeded with demo data)' : ''}.`,
      `  Gateway (GraphQL + Apollo Sandbox): ${url}`,
      ...Object.values(stack.subgraphs).map((s) => `  ${s.service.padEnd(9)} subgraph: http://localhost:${s.port}/graphql`),
      '  Try the headline operation in schema/operations/WhoResellsWhatToWhom.graphql. Ctrl+C stops.',
      '',
    ].join('\n'),
  );
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await stack.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
})().catch((error) => {
  logger.fatal({ err: error }, `stack failed to start: ${(error as Error).message}`);
  process.exit(1);
});
