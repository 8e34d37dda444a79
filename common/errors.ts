import { GraphQLError, parse, visit, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { classifyDatabaseError, DATABASE_FAILURE_MESSAGES } from './database-errors';
import type { Logger } from './logger';

const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'COST_ESTIMATED_TOO_EXPENSIVE',
  'COST_QUERY_PARSE_FAILURE',
  'PERSISTED_QUERY_HASH_MISMATCH',
]);

/**
 * Apollo Server's own refusals of a malformed request carry an HTTP status but no code: each gets
 * a code and a message that says how to fix the request (a bare one becomes BAD_REQUEST).
 */
const REQUEST_ERRORS: Array<{ message: string; code: string; explained: string }> = [
  {
    message: 'provided sha does not match query',
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
    explained:
      'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent: send the hash of this exact query text (hex), or the query without the extension.',
  },
  {
    message: 'Unsupported persisted query version',
    code: 'BAD_REQUEST',
    explained: 'extensions.persistedQuery.version must be 1 (the only version of automatic persisted queries).',
  },
];

function httpStatusOf(error: unknown): number | undefined {
  const http = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http;
  return typeof http?.status === 'number' ? http.status : undefined;
}

const UNKNOWN_ENUM_VALUE = /^Value "[^"]*" does not exist in "[^"]+" enum\./;
/** graphql-js's words for a `Date` written in the operation that is not one (the part after ";" is ours: common/dates.ts). */
const INVALID_DATE_LITERAL = /^Expected value of type "Date!?", found [^;]*; ([\s\S]*)$/;

/** The argument or input field whose value starts at `position` of the operation's text (null when unknown). */
function argumentAt(error: unknown): string | null {
  if (!(error instanceof GraphQLError) || !error.source || !error.positions?.length) return null;
  const position = error.positions[0];
  let name: string | null = null;
  try {
    visit(parse(error.source), {
      Argument: (node) => void (node.value.loc?.start === position && (name = node.name.value)),
      ObjectField: (node) => void (node.value.loc?.start === position && (name = node.name.value)),
    });
  } catch {
    return null;
  }
  return name;
}

/**
 * Extensions never shown to clients: stack traces (Apollo's, or an older server's `exception`),
 * and `response`, which @apollo/gateway adds to a subgraph's HTTP error with the subgraph's URL
 * and body.
 */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response'];

export interface MaskOptions {
  /** URLs of services behind this one (the gateway's subgraphs): never named in a client error message. */
  internalUrls?: readonly string[];
}

/** A message without internal addresses and without any stack trace appended to it. */
function scrubMessage(message: string, internalAddresses: readonly string[]): string {
  let scrubbed = message.replace(/\n\s*at [\s\S]*$/, '');
  for (const address of internalAddresses) scrubbed = scrubbed.split(address).join('[internal]');
  return scrubbed;
}

/** Each internal URL as written, its origin, and its host:port (as in "connect ECONNREFUSED 127.0.0.1:4003"). */
function addressesOf(urls: readonly string[]): string[] {
  const addresses = new Set<string>();
  for (const url of urls) {
    addresses.add(url);
    try {
      const parsed = new URL(url);
      addresses.add(parsed.origin);
      addresses.add(parsed.host);
    } catch {
      // not a URL: only the text itself
    }
  }
  // Longest first, so a URL is replaced whole before its host alone.
  return [...addresses].filter((a) => a.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * Apollo Server `formatError`: errors meant for clients pass as they are, less internal
 * extensions and addresses; anything else is logged in full and reaches the client as a bare
 * INTERNAL_SERVER_ERROR with its path.
 */
export function maskInternalErrors(logger: Logger, options: MaskOptions = {}) {
  const internalAddresses = addressesOf(options.internalUrls ?? []);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && UNKNOWN_ENUM_VALUE.test(formatted.message)) {
      // An unknown enum value is bad input to the caller, whether passed inline or as a variable.
      return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const invalidDate = code === 'GRAPHQL_VALIDATION_FAILED' ? INVALID_DATE_LITERAL.exec(formatted.message) : null;
    if (invalidDate) {
      // A date that is no day of the calendar is the caller's input, named like any other bad argument.
      const argument = argumentAt(error);
      return {
        ...formatted,
        message: `${argument ? `Argument "${argument}"` : 'A Date argument'}: ${invalidDate[1]}`,
        extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argumentName: argument } : {}) },
      };
    }
    const status = httpStatusOf(error);
    const originalCode = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    if (originalCode === undefined && status !== undefined && status >= 400 && status < 500) {
      const known = REQUEST_ERRORS.find((candidate) => candidate.message === formatted.message);
      return {
        message: known?.explained ?? scrubMessage(formatted.message, internalAddresses),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: known?.code ?? 'BAD_REQUEST' },
      };
    }
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      const extensions = Object.fromEntries(
        Object.entries(formatted.extensions ?? {}).filter(([key]) => !INTERNAL_EXTENSIONS.includes(key)),
      );
      return { ...formatted, message: scrubMessage(formatted.message, internalAddresses), extensions };
    }
    const databaseFailure = classifyDatabaseError(unwrapResolverError(error));
    if (databaseFailure) {
      // The database is down, restarting or too slow: the caller may retry; no internal detail.
      logger.warn({ err: unwrapResolverError(error), path: formatted.path, databaseFailure }, 'database failure');
      return {
        message: DATABASE_FAILURE_MESSAGES[databaseFailure],
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: 'SERVICE_UNAVAILABLE', reason: databaseFailure === 'timeout' ? 'DATABASE_TIMEOUT' : 'DATABASE_UNAVAILABLE' },
      };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
