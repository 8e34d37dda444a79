import path from 'node:path';
import { ConfigError, loadConfig } from './config';

/** Runs `loadConfig(env)` expecting it to fail, and returns the ConfigError it threw. */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment: SQLite under ./data, ports 4000-4004', () => {
    const config = loadConfig({});
    expect(config.store).toEqual({ kind: 'sqlite', directory: path.resolve('data') });
    expect(config.ports).toEqual({ gateway: 4000, partners: 4001, programs: 4002, licences: 4003, customers: 4004 });
    expect(config.subgraphUrls).toEqual({
      partners: 'http://127.0.0.1:4001/graphql',
      programs: 'http://127.0.0.1:4002/graphql',
      licences: 'http://127.0.0.1:4003/graphql',
      customers: 'http://127.0.0.1:4004/graphql',
    });
    expect(config.environment).toBe('development');
    expect(config.logLevel).toBe('info');
    // Development listens on loopback (its secrets are built in); production on every interface unless HOST says otherwise.
    expect(config.host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', INTERNAL_AUTH_SECRET: 'x'.repeat(32), AUTH_JWT_SECRET: 'y'.repeat(32) }).host).toBe(
      '0.0.0.0',
    );
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(config.runMigrations).toBe(true);
    expect(config.seedOnStart).toBe('demo');
    expect(config.writes.idempotencyKeyHours).toBe(24);
    expect(config.auth.maxTokenLifetimeSeconds).toBe(86_400);
    expect(config.auth.partnerCacheSeconds).toBe(300);
  });

  it('reads only the env object it is given, not process.env', () => {
    const saved = process.env.GATEWAY_PORT;
    process.env.GATEWAY_PORT = '9999';
    try {
      expect(loadConfig({}).ports.gateway).toBe(4000);
    } finally {
      if (saved === undefined) delete process.env.GATEWAY_PORT;
      else process.env.GATEWAY_PORT = saved;
    }
  });

  it('treats empty values as unset (the default applies)', () => {
    const config = loadConfig({ CHANNEL_STORE: '', PARTNERS_PORT: '', LOG_LEVEL: '' });
    expect(config.store.kind).toBe('sqlite');
    expect(config.ports.partners).toBe(4001);
    expect(config.logLevel).toBe('info');
  });

  it('builds a MySQL store from the MYSQL_* variables, with defaults for the ones left out', () => {
    const config = loadConfig({
      CHANNEL_STORE: 'mysql',
      MYSQL_HOST: 'db.internal',
      MYSQL_PORT: '3307',
      MYSQL_USER: 'channel',
      MYSQL_PASSWORD: 's3cret',
      MYSQL_DATABASE_PREFIX: 'cg_',
      MYSQL_POOL_SIZE: '25',
    });
    expect(config.store).toEqual({
      kind: 'mysql',
      host: 'db.internal',
      port: 3307,
      user: 'channel',
      password: 's3cret',
      databasePrefix: 'cg_',
      poolSize: 25,
    });
    expect(loadConfig({ CHANNEL_STORE: 'mysql' }).store).toEqual({
      kind: 'mysql',
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: '',
      databasePrefix: 'channel_',
      poolSize: 10,
    });
  });

  it('reads ports, URLs, SQLite folder and switches as typed values', () => {
    const config = loadConfig({
      SQLITE_DIR: 'tmp/stores',
      GATEWAY_PORT: '8000',
      CUSTOMERS_PORT: '0',
      LICENCES_URL: 'https://licences.example.com/graphql',
      RUN_MIGRATIONS: 'false',
      SEED_ON_START: 'none',
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      INTERNAL_AUTH_SECRET: 'another-production-secret-of-32-characters',
    });
    expect(config.store).toEqual({ kind: 'sqlite', directory: path.resolve('tmp/stores') });
    expect(config.ports.gateway).toBe(8000);
    expect(config.ports.customers).toBe(0);
    expect(config.ports.partners).toBe(4001);
    expect(config.subgraphUrls.licences).toBe('https://licences.example.com/graphql');
    expect(config.runMigrations).toBe(false);
    expect(config.seedOnStart).toBe('none');
    expect(config.environment).toBe('production');
  });

  it.each([
    ['MYSQL_PORT', 'abc'],
    ['MYSQL_PORT', '70000'],
    ['GATEWAY_PORT', '40.5'],
    ['CHANNEL_STORE', 'postgres'],
    ['PARTNERS_URL', 'not-a-url'],
    ['CUSTOMERS_URL', 'ftp://127.0.0.1:4004/graphql'],
    ['MYSQL_DATABASE_PREFIX', 'channel-prod;'],
    ['MYSQL_POOL_SIZE', '0'],
    ['RUN_MIGRATIONS', 'yes'],
    ['LOG_LEVEL', 'verbose'],
  ])('refuses %s=%s with a ConfigError naming the variable and its value', (variable, value) => {
    const error = configErrorFor({ [variable]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(`${variable}=${JSON.stringify(value)}`);
  });

  it('lists every bad variable at once, and not the good ones', () => {
    const error = configErrorFor({ MYSQL_PORT: 'abc', CHANNEL_STORE: 'postgres', PARTNERS_URL: 'not-a-url', PROGRAMS_PORT: '4102' });
    expect(error.message).toContain('MYSQL_PORT="abc"');
    expect(error.message).toContain('CHANNEL_STORE="postgres"');
    expect(error.message).toContain('PARTNERS_URL="not-a-url"');
    expect(error.message).not.toContain('PROGRAMS_PORT');
  });

  it('says what was expected', () => {
    expect(configErrorFor({ MYSQL_PORT: 'abc' }).message).toMatch(/port number/);
    expect(configErrorFor({ PARTNERS_URL: 'not-a-url' }).message).toMatch(/http\(s\) URL/);
    expect(configErrorFor({ CHANNEL_STORE: 'postgres' }).message).toMatch(/sqlite/);
  });
});

describe('port variables', () => {
  it('refuses a blank or non-decimal port instead of reading it as a number', () => {
    for (const value of [' ', '\t', '0x10', '1e3', '-1']) {
      expect(() => loadConfig({ MYSQL_PORT: value })).toThrow(ConfigError);
      expect(() => loadConfig({ GATEWAY_PORT: value })).toThrow(/GATEWAY_PORT/);
    }
    expect(() => loadConfig({ MYSQL_PORT: '0' })).toThrow(/MYSQL_PORT="0"/);
    expect(loadConfig({ GATEWAY_PORT: '0', MYSQL_PORT: '3307' })).toMatchObject({ ports: { gateway: 0 } });
  });
});

describe('authentication settings', () => {
  const productionSecrets = {
    AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
    INTERNAL_AUTH_SECRET: 'another-production-secret-of-32-characters',
  };

  it('works without setup in development, with secrets that production refuses', () => {
    const development = loadConfig({});
    expect(development.auth.jwtSecret).toEqual(expect.any(String));
    expect(development.auth.internalSecret.length).toBeGreaterThanOrEqual(32);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: productionSecrets.AUTH_JWT_SECRET })).toThrow(
      /INTERNAL_AUTH_SECRET/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', INTERNAL_AUTH_SECRET: productionSecrets.INTERNAL_AUTH_SECRET })).toThrow(
      /AUTH_JWT_SECRET.*AUTH_JWKS_URL/,
    );
    expect(loadConfig({ NODE_ENV: 'production', ...productionSecrets }).auth).toMatchObject({
      jwtSecret: productionSecrets.AUTH_JWT_SECRET,
      jwksUrl: null,
    });
  });

  it('accepts JWKS instead of a shared secret, and refuses short secrets', () => {
    const jwks = loadConfig({
      NODE_ENV: 'production',
      INTERNAL_AUTH_SECRET: productionSecrets.INTERNAL_AUTH_SECRET,
      AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
    });
    expect(jwks.auth).toMatchObject({ jwtSecret: null, jwksUrl: 'https://idp.example.com/.well-known/jwks.json' });
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET="short"/);
  });

  it('caches API key answers for API_KEY_CACHE_SECONDS (default 30, 0 to ask every time, at most an hour)', () => {
    expect(loadConfig({}).auth.apiKeyCacheSeconds).toBe(30);
    expect(loadConfig({ API_KEY_CACHE_SECONDS: '0' }).auth.apiKeyCacheSeconds).toBe(0);
    expect(loadConfig({ API_KEY_CACHE_SECONDS: '3600' }).auth.apiKeyCacheSeconds).toBe(3600);
    for (const value of ['-1', '1.5', '3601', '30s'])
      expect(() => loadConfig({ API_KEY_CACHE_SECONDS: value })).toThrow(/API_KEY_CACHE_SECONDS/);
  });

  it('shares gateway state on REDIS_URL (redis:// or rediss://) with its key prefix and timeout, and in memory without it', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://:secret@cache.internal:6380/2' }).redis).toEqual({
      url: 'redis://:secret@cache.internal:6380/2',
      keyPrefix: 'channel-graph:',
      timeoutMs: 500,
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6379', REDIS_KEY_PREFIX: 'staging.cg:', REDIS_TIMEOUT_MS: '50' }).redis).toEqual({
      url: 'rediss://cache:6379',
      keyPrefix: 'staging.cg:',
      timeoutMs: 50,
    });
    for (const url of ['http://cache:6379', 'cache:6379', 'redis//cache'])
      expect(() => loadConfig({ REDIS_URL: url })).toThrow(new RegExp(`REDIS_URL="${url}": expected a Redis URL`));
    for (const prefix of ['with space', 'a*', 'x'.repeat(65)])
      expect(() => loadConfig({ REDIS_URL: 'redis://cache', REDIS_KEY_PREFIX: prefix })).toThrow(/REDIS_KEY_PREFIX=/);
    for (const value of ['9', '60001', '0.5s']) expect(() => loadConfig({ REDIS_TIMEOUT_MS: value })).toThrow(/REDIS_TIMEOUT_MS=/);
  });

  it('plans gateway operations with the Rust planner unless GATEWAY_QUERY_PLANNER=apollo, and refuses other planners', () => {
    expect(loadConfig({}).queryPlanner).toBe('rust');
    expect(loadConfig({ GATEWAY_QUERY_PLANNER: 'apollo' }).queryPlanner).toBe('apollo');
    expect(() => loadConfig({ GATEWAY_QUERY_PLANNER: 'hive' })).toThrow(/GATEWAY_QUERY_PLANNER="hive"/);
  });
});
