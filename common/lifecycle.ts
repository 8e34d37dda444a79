import type { Logger } from './logger';
import { stopTracing } from './tracing';

/**
 * Graceful shutdown of a main: on SIGTERM or SIGINT, `close` stops accepting connections, lets
 * in-flight requests finish (each service's drain waits up to SHUTDOWN_GRACE_MS), closes pools; then
 * the process exits 0. If closing hangs beyond the grace period plus a margin, or fails, it exits 1.
 */
export function exitGracefullyOnSignals(logger: Logger, close: () => Promise<void>, graceMs: number): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      logger.error({ signal }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, graceMs + 5_000);
    deadline.unref();
    close()
      .then(() => stopTracing().catch(() => undefined))
      .then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
