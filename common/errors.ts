import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
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
]);

const UNKNOWN_ENUM_VALUE = /^Value "[^"]*" does not exist in "[^"]+" enum\./;

/**
 * Apollo Server `formatError`: errors meant for clients pass as they are; anything else is
 * logged in full and reaches the client as a bare INTERNAL_SERVER_ERROR with its path.
 */
export function maskInternalErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && UNKNOWN_ENUM_VALUE.test(formatted.message)) {
      // An unknown enum value is bad input to the caller, whether passed inline or as a variable.
      return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
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
