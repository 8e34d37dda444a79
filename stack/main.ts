import '../common/tracing';
import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { issueToken } from '../common/identity';
import { exitGracefullyOnSignals } from '../common/lifecycle';
import { createLogger } from '../common/logger';
import { startStack } from './stack';

/** `npm start`: the whole stack in one process, on the configured store, seeded with demo data on first start. */
const logger = createLogger('stack');

(async () => {
  const config = loadConfig();
  const seed = config.seedOnStart === 'none' ? null : config.seedOnStart;
  const analystToken =
    config.environment === 'production' || !config.auth.jwtSecret
      ? null
      : await issueToken(
          { subject: 'quick-start-analyst', role: 'ANALYST', partnerId: null },
          {
            secret: config.auth.jwtSecret,
            issuer: config.auth.issuer,
            audience: config.auth.audience,
            expiresIn: `${config.auth.maxTokenLifetimeSeconds}s`,
          },
        );
  const stack = await startStack(config, { ports: 'configured', seed, sandboxToken: analystToken ?? undefined });
  const where =
    config.store.kind === 'sqlite' ? `SQLite in ${config.store.directory}` : `MySQL at ${config.store.host}:${config.store.port}`;
  const url = `http://localhost:${stack.gateway.port}/graphql`;
  console.log(
    [
      '',
      `Channel Graph is up on ${where}${stack.seeded === 'seeded' ? ' (seeded with demo data)' : ''}.`,
      `  Dashboard: http://localhost:${stack.gateway.port}/`,
      `  Gateway (GraphQL + Apollo Sandbox): ${url}`,
      ...Object.values(stack.subgraphs).map((s) => `  ${s.service.padEnd(9)} subgraph: http://localhost:${s.port}/graphql`),
      ...(analystToken
        ? [
            `  Every request needs a token. An analyst token (${Math.round(config.auth.maxTokenLifetimeSeconds / 3600)} hours; the Sandbox page and the dashboard on this machine already use it):`,
            `  Authorization: Bearer ${analystToken}`,
            '  Other roles: npm run token -- --role PRIMARY --partner <partnerId>',
          ]
        : []),
      '  Try the headline operation in schema/operations/WhoResellsWhatToWhom.graphql. Ctrl+C stops.',
      '',
    ].join('\n'),
  );
  exitGracefullyOnSignals(logger, () => stack.close(), config.resilience.shutdownGraceMs);
})().catch((error) => {
  logger.fatal({ err: error }, `stack failed to start: ${(error as Error).message}`);
  process.exit(1);
});
