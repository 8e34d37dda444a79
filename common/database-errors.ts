/**
 * Database driver failures that mean "the database cannot answer right now" (down, restarting,
 * unreachable, out of connections) or "took longer than the statement timeout": both reach clients
 * as SERVICE_UNAVAILABLE, never as an internal error, and say nothing about hosts or ports.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_NORMAL_SHUTDOWN',
]);
// 1040 too many connections, 1053 server shutdown, 1077 normal shutdown, 1927 connection killed,
// 2002/2003 cannot connect, 2006 gone away, 2013 lost during query.
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1077, 1927, 2002, 2003, 2006, 2013]);
const UNAVAILABLE_MESSAGES =
  /Pool is closed|Connection lost|closed state|connect ECONNREFUSED|read ECONNRESET|DataSource is not initialized|database is not connected/i;
// MariaDB max_statement_time (1969), MySQL max_execution_time (3024).
const TIMEOUT_ERRNOS = new Set([1969, 3024]);

export type DatabaseFailure = 'unavailable' | 'timeout';

interface DriverLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  originalError?: unknown;
  /** graphql-js wraps a thrown value that is not an Error of its realm (NonErrorThrown) and keeps it here. */
  thrownValue?: unknown;
}

/** What kind of database failure this error (or the error it wraps) is, or null when it is none. */
export function classifyDatabaseError(error: unknown, depth = 0): DatabaseFailure | null {
  if (!error || typeof error !== 'object' || depth > 4) return null;
  const e = error as DriverLike;
  if (typeof e.errno === 'number' && TIMEOUT_ERRNOS.has(e.errno)) return 'timeout';
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return 'unavailable';
  if (typeof e.errno === 'number' && UNAVAILABLE_ERRNOS.has(e.errno)) return 'unavailable';
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return 'unavailable';
  return (
    classifyDatabaseError(e.driverError, depth + 1) ??
    classifyDatabaseError(e.originalError, depth + 1) ??
    classifyDatabaseError(e.cause, depth + 1) ??
    classifyDatabaseError(e.thrownValue, depth + 1)
  );
}

export const DATABASE_FAILURE_MESSAGES: Record<DatabaseFailure, string> = {
  unavailable: 'The database is unavailable at the moment; try again shortly.',
  timeout: 'The database did not answer within the statement timeout; try again or ask for less.',
};
