import pino from 'pino';
import { currentRequestId } from './request-id';

export type Logger = pino.Logger;

/**
 * JSON logs on stdout (or `destination`); every line written while serving a request carries its
 * `requestId` (see common/request-id.ts), so one request can be followed from gateway to subgraphs.
 */
export function createLogger(
  service: string,
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
