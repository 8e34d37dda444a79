import { GraphQLError } from 'graphql';
import { ConfigError, loadConfig } from './config';
import { classifyDatabaseError } from './database-errors';
import { maskInternalErrors } from './errors';
import { createLogger } from './logger';
import { acceptOrGenerateRequestId } from './request-id';

describe('request ids', () => {
  it('keeps a plain id from the caller and replaces anything else with a UUID', () => {
    expect(acceptOrGenerateRequestId('abc-123_x.y:z@w')).toBe('abc-123_x.y:z@w');
    expect(acceptOrGenerateRequestId(['first', 'second'])).toBe('first');
    for (const unusable of [undefined, '', 'has space', 'x'.repeat(129), 'quote"', 'new\nline']) {
      expect(acceptOrGenerateRequestId(unusable)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('database failures', () => {
  it('recognises connection failures and statement timeouts of mysql2, directly or wrapped', () => {
    expect(classifyDatabaseError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:3306'), { code: 'ECONNREFUSED' }))).toBe(
      'unavailable',
    );
    expect(classifyDatabaseError({ code: 'PROTOCOL_CONNECTION_LOST', message: 'Connection lost: The server closed the connection.' })).toBe(
      'unavailable',
    );
    expect(classifyDatabaseError({ errno: 2013, message: 'Lost connection to server during query' })).toBe('unavailable');
    expect(classifyDatabaseError({ message: 'Query failed', driverError: { errno: 1969, code: 'ER_STATEMENT_TIMEOUT' } })).toBe('timeout');
    expect(
      classifyDatabaseError({ errno: 3024, message: 'Query execution was interrupted, maximum statement execution time exceeded' }),
    ).toBe('timeout');
    expect(classifyDatabaseError({ name: 'NonErrorThrown', thrownValue: { code: 'ECONNREFUSED', errno: -111 } })).toBe('unavailable');
    expect(classifyDatabaseError(new Error('Duplicate entry'))).toBeNull();
    expect(classifyDatabaseError({ errno: 1062, code: 'ER_DUP_ENTRY' })).toBeNull();
    expect(classifyDatabaseError(null)).toBeNull();
  });

  it('reach clients as SERVICE_UNAVAILABLE without the driver message or the database address', () => {
    const format = maskInternalErrors(createLogger('test', 'silent'));
    const driverError = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:3306'), { code: 'ECONNREFUSED' });
    const formatted = format(
      { message: driverError.message, path: ['partners'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new GraphQLError(driverError.message, { originalError: driverError }),
    );
    expect(formatted).toEqual({
      message: 'The database is unavailable at the moment; try again shortly.',
      path: ['partners'],
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' },
    });
    const timeout = Object.assign(new Error('Query execution was interrupted (max_statement_time exceeded)'), { errno: 1969 });
    expect(
      format({ message: timeout.message, extensions: {} }, new GraphQLError(timeout.message, { originalError: timeout })).extensions,
    ).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'DATABASE_TIMEOUT',
    });
    // Anything else stays an internal error.
    const other = new Error('boom');
    expect(format({ message: 'boom', extensions: {} }, new GraphQLError('boom', { originalError: other })).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});

describe('settings for running unattended', () => {
  it('have defaults', () => {
    expect(loadConfig({}).resilience).toEqual({
      subgraphTimeoutMs: 10_000,
      breakerErrorPercent: 50,
      breakerMinRequests: 5,
      breakerResetMs: 10_000,
      statementTimeoutMs: 15_000,
      shutdownGraceMs: 10_000,
    });
  });

  it('are read from the environment and refused, by name, when out of range', () => {
    expect(
      loadConfig({ SUBGRAPH_TIMEOUT_MS: '2500', DB_STATEMENT_TIMEOUT_MS: '0', CIRCUIT_BREAKER_ERROR_PERCENT: '0' }).resilience,
    ).toMatchObject({
      subgraphTimeoutMs: 2500,
      statementTimeoutMs: 0,
      breakerErrorPercent: 0,
    });
    for (const [variable, value] of [
      ['SUBGRAPH_TIMEOUT_MS', '10'],
      ['SUBGRAPH_TIMEOUT_MS', '2s'],
      ['CIRCUIT_BREAKER_ERROR_PERCENT', '101'],
      ['CIRCUIT_BREAKER_RESET_MS', '-1'],
      ['SHUTDOWN_GRACE_MS', 'forever'],
    ] as Array<[string, string]>) {
      expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`${variable}="${value}"`));
    }
  });
});
