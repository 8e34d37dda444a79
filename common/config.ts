import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths';

export const SUBGRAPH_NAMES = ['partners', 'programs', 'licences', 'customers'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  partners: 4001,
  programs: 4002,
  licences: 4003,
  customers: 4004,
};

/** Decimal digits only: a blank, hex or exponent value is refused rather than read as some other port. */
const portFrom = (min: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, `expected a port number from ${min} to 65535`)
    .transform(Number)
    .pipe(z.number().min(min, `expected a port number from ${min} to 65535`).max(65535, `expected a port number from ${min} to 65535`));
/** Service ports may be 0: the system picks a free one. */
const port = portFrom(0);

/** A whole number from min to max, decimal digits only (like ports: no blanks, hex or exponents). */
const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `expected a whole number of ${unit} from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `expected a whole number of ${unit} from ${min} to ${max}`)
        .max(max, `expected a whole number of ${unit} from ${min} to ${max}`),
    );

const BODY_SIZE_UNITS = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 } as const;
/** A size in bytes, written as 102400, 100kb or 1mb: from 1kb to 64mb. */
const bodySize = z
  .string()
  .regex(/^\d{1,9}(b|kb|mb)?$/i, 'expected a size such as 102400, 100kb or 1mb')
  .transform(
    (value) => Number(/^\d+/.exec(value)![0]) * BODY_SIZE_UNITS[value.replace(/^\d+/, '').toLowerCase() as keyof typeof BODY_SIZE_UNITS],
  )
  .pipe(
    z
      .number()
      .min(1024, 'expected at least 1kb')
      .max(64 * 1024 * 1024, 'expected at most 64mb'),
  );

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as http://127.0.0.1:4001/graphql' });

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Development listens on loopback only (its secrets are built in); production on every interface.
  HOST: z.string().min(1).optional(),

  CHANNEL_STORE: z.enum(['sqlite', 'mysql']).default('sqlite'),
  SQLITE_DIR: z.string().min(1).default('data'),
  MYSQL_HOST: z.string().min(1).default('127.0.0.1'),
  MYSQL_PORT: portFrom(1).default(3306),
  MYSQL_USER: z.string().min(1).default('root'),
  MYSQL_PASSWORD: z.string().default(''),
  MYSQL_DATABASE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/, 'expected letters, digits and underscores only (it prefixes database names)')
    .default('channel_'),
  MYSQL_POOL_SIZE: z.coerce.number().int().min(1, 'expected at least 1 connection').max(500).default(10),

  GATEWAY_PORT: port.default(DEFAULT_PORTS.gateway),
  PARTNERS_PORT: port.default(DEFAULT_PORTS.partners),
  PROGRAMS_PORT: port.default(DEFAULT_PORTS.programs),
  LICENCES_PORT: port.default(DEFAULT_PORTS.licences),
  CUSTOMERS_PORT: port.default(DEFAULT_PORTS.customers),

  PARTNERS_URL: httpUrl.default(`http://127.0.0.1:${DEFAULT_PORTS.partners}/graphql`),
  PROGRAMS_URL: httpUrl.default(`http://127.0.0.1:${DEFAULT_PORTS.programs}/graphql`),
  LICENCES_URL: httpUrl.default(`http://127.0.0.1:${DEFAULT_PORTS.licences}/graphql`),
  CUSTOMERS_URL: httpUrl.default(`http://127.0.0.1:${DEFAULT_PORTS.customers}/graphql`),

  AUTH_JWT_SECRET: z.string().min(32, 'expected at least 32 characters (an HS256 secret)').optional(),
  AUTH_JWKS_URL: httpUrl.optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).default('channel-graph'),
  AUTH_AUDIENCE: z.string().min(1).default('channel-graph'),
  INTERNAL_AUTH_SECRET: z.string().min(32, 'expected at least 32 characters (shared by gateway and subgraphs)').optional(),
  API_KEY_CACHE_SECONDS: wholeNumber(0, 3600, 'seconds').default(30),
  // Bearer tokens must carry "exp", at most this far after they were issued (and after now).
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: wholeNumber(60, 90 * 86_400, 'seconds').default(86_400),
  // How long the gateway trusts that a partner token's partner exists (README, "Authentication").
  PARTNER_CACHE_SECONDS: wholeNumber(1, 86_400, 'seconds').default(300),

  // State the gateways share (README, "Scale-out"): rate-limit buckets, cached answers, API-key
  // revocations. Without REDIS_URL each gateway keeps them in its own memory.
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, message: 'expected a Redis URL such as redis://127.0.0.1:6379 (rediss:// for TLS)' })
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected up to 64 letters, digits and _ . : - (it prefixes every Redis key and channel)')
    .default('channel-graph:'),
  // Longest wait for Redis before a gateway answers from its own memory instead (degraded mode).
  REDIS_TIMEOUT_MS: wholeNumber(10, 60_000, 'milliseconds').default(500),

  // Gateway limits on what one request may ask (README, "Hostile queries").
  MAX_QUERY_DEPTH: wholeNumber(1, 1000, 'levels').default(10),
  MAX_ALIASES: wholeNumber(0, 10_000, 'aliases').default(15),
  MAX_ROOT_FIELDS: wholeNumber(1, 1000, 'root fields').default(10),
  MAX_TOKENS: wholeNumber(1, 1_000_000, 'tokens').default(1000),
  MAX_DIRECTIVES: wholeNumber(0, 10_000, 'directives').default(20),
  MAX_QUERY_COST: wholeNumber(1, 1_000_000_000, 'cost points').default(50_000),
  MAX_BODY_SIZE: bodySize.default(100 * 1024),
  // Rate limit by estimated cost per caller (README, "Rate limits"); RATE_LIMIT_BURST=0 turns it off.
  RATE_LIMIT_BURST: wholeNumber(0, 1_000_000_000, 'cost points').default(250_000),
  RATE_LIMIT_PER_SECOND: wholeNumber(1, 1_000_000_000, 'cost points per second').default(5_000),
  // Per-caller cache of query answers in the gateway (README, "Scale-out"); 0 = off. Emptied by any
  // mutation through that gateway; other instances' writes are seen only when entries expire.
  RESPONSE_CACHE_SECONDS: wholeNumber(0, 3600, 'seconds').default(0),
  RESPONSE_CACHE_MAX_ENTRIES: wholeNumber(1, 1_000_000, 'answers').default(10_000),
  // Trusted documents (README, "Client kit"): `enforce` runs only the operations of the persisted-query
  // manifest (by text or by id) and refuses others with PERSISTED_QUERY_NOT_ALLOWED; `enforce-partners`
  // holds PRIMARY and SECONDARY callers to it and lets VENDOR and ANALYST write queries; `off` runs any operation.
  PERSISTED_QUERIES: z.enum(['off', 'enforce', 'enforce-partners']).default('off'),
  // Who plans and executes operations in the gateway: Hive's Rust planner and runtime, or @apollo/gateway's own (bench/README.md).
  GATEWAY_QUERY_PLANNER: z.enum(['rust', 'apollo']).default('rust'),
  PERSISTED_QUERY_MANIFEST: z.string().min(1).default('client/persisted-queries.json'),

  // Running unattended (README, "Running unattended"): timeouts, circuit breaking, shutdown.
  SUBGRAPH_TIMEOUT_MS: wholeNumber(50, 600_000, 'milliseconds').default(10_000),
  CIRCUIT_BREAKER_ERROR_PERCENT: wholeNumber(0, 100, 'percent').default(50),
  CIRCUIT_BREAKER_MIN_REQUESTS: wholeNumber(1, 10_000, 'requests').default(5),
  CIRCUIT_BREAKER_RESET_MS: wholeNumber(100, 600_000, 'milliseconds').default(10_000),
  DB_STATEMENT_TIMEOUT_MS: wholeNumber(0, 3_600_000, 'milliseconds').default(15_000),
  SHUTDOWN_GRACE_MS: wholeNumber(0, 600_000, 'milliseconds').default(10_000),

  // How long a mutation's idempotency key is kept by the subgraph that wrote it (README, "Changing the channel").
  IDEMPOTENCY_KEY_HOURS: wholeNumber(1, 24 * 365, 'hours').default(24),

  RUN_MIGRATIONS: z.enum(['true', 'false']).default('true'),
  SEED_ON_START: z.enum(['none', 'demo', 'full']).default('demo'),
});

type Environment = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type StoreConfig =
  | { kind: 'sqlite'; directory: string }
  | {
      kind: 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      databasePrefix: string;
      poolSize: number;
    };

export interface AuthConfig {
  /** HS256 secret for caller tokens; null when only JWKS (RS256/ES256) tokens are accepted. */
  jwtSecret: string | null;
  jwksUrl: string | null;
  jwksFile: string | null;
  issuer: string;
  audience: string;
  /** Shared by gateway and subgraphs to sign and verify the identity the gateway forwards. */
  internalSecret: string;
  /**
   * How long the gateway keeps an API key's verification (valid or not). With Redis a revocation
   * reaches every gateway at once and this bounds only what a Redis outage can hide; without it, a
   * revoked key works at most this long.
   */
  apiKeyCacheSeconds: number;
  /** Longest lifetime of a bearer token (its "exp" is required). */
  maxTokenLifetimeSeconds: number;
  /** How long the answer "this partner exists" is kept by each gateway. */
  partnerCacheSeconds: number;
}

/** Where the gateways share state (README, "Scale-out"). */
export interface RedisConfig {
  url: string;
  /** Prefixes every key and channel, so several deployments can share one Redis. */
  keyPrefix: string;
  /** Longest wait for a Redis command (and a connection) before falling back to memory. */
  timeoutMs: number;
}

/** Development-only secrets, so the quick start needs no setup; production refuses to start with them. */
export const DEVELOPMENT_JWT_SECRET = 'channel-graph-development-only-jwt-secret';
const DEVELOPMENT_INTERNAL_SECRET = 'channel-graph-development-only-internal-secret';

/** What the gateway accepts in one request; each refusal is a client error with its own code. */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Largest request body, in bytes (413 PAYLOAD_TOO_LARGE beyond). */
  maxBodyBytes: number;
}

interface RateLimitConfig {
  /** Cost points a caller may spend at once; 0: no rate limit. */
  burst: number;
  refillPerSecond: number;
}

/** Timeouts, circuit breaking and shutdown (README, "Running unattended"). */
export interface ResilienceConfig {
  /** Gateway: longest wait for one subgraph fetch before that part of the answer is given up. */
  subgraphTimeoutMs: number;
  /** Gateway: share of failed fetches to one subgraph (in a 10 s window) that opens its circuit; 0 never opens it. */
  breakerErrorPercent: number;
  /** Gateway: fetches in the window before the circuit may open. */
  breakerMinRequests: number;
  /** Gateway: how long an open circuit fails fast before letting one trial fetch through (half-open). */
  breakerResetMs: number;
  /** Subgraphs on MariaDB/MySQL: longest statement (0: no limit). Not applicable to SQLite. */
  statementTimeoutMs: number;
  /** Every service: on SIGTERM, how long in-flight requests may take before their connections are cut. */
  shutdownGraceMs: number;
}

/** Trusted documents: which operations the gateway runs. */
export interface PersistedQueriesConfig {
  /**
   * `enforce`: only operations of the manifest, for every caller; `enforce-partners`: only those for
   * PRIMARY and SECONDARY callers (partner tools), any for VENDOR and ANALYST (the query IDE);
   * `off`: any (manifest ids are still understood).
   */
  mode: 'off' | 'enforce' | 'enforce-partners';
  /** The manifest (apollo-persisted-query-manifest JSON); a relative path is read from the project root. */
  manifestFile: string;
}

export interface AppConfig {
  environment: Environment['NODE_ENV'];
  logLevel: Environment['LOG_LEVEL'];
  host: string;
  store: StoreConfig;
  ports: Record<SubgraphName | 'gateway', number>;
  subgraphUrls: Record<SubgraphName, string>;
  runMigrations: boolean;
  seedOnStart: Environment['SEED_ON_START'];
  auth: AuthConfig;
  limits: RequestLimits;
  rateLimit: RateLimitConfig;
  responseCache: { seconds: number; maxEntries: number };
  /** Shared state of the gateways; null: each gateway keeps its own in memory. */
  redis: RedisConfig | null;
  persistedQueries: PersistedQueriesConfig;
  queryPlanner: Environment['GATEWAY_QUERY_PLANNER'];
  resilience: ResilienceConfig;
  writes: { idempotencyKeyHours: number };
}

/** Reads and validates the environment once; a bad variable fails fast with its name, value and the fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const definedOnly = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(definedOnly);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return `${variable}=${JSON.stringify(env[variable])}: ${issue.message}`;
    });
    throw new ConfigError(
      `Invalid environment configuration:\n  ${problems.join('\n  ')}\nFix the variable(s) above (see README, "Configuration").`,
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (e.RATE_LIMIT_BURST > 0 && e.RATE_LIMIT_BURST < e.MAX_QUERY_COST) {
    throw new ConfigError(
      `RATE_LIMIT_BURST=${e.RATE_LIMIT_BURST} is below MAX_QUERY_COST=${e.MAX_QUERY_COST}: an allowed operation could never run. Raise RATE_LIMIT_BURST (or set it to 0 to turn rate limiting off).`,
    );
  }
  if (production && !e.INTERNAL_AUTH_SECRET) {
    throw new ConfigError(
      'INTERNAL_AUTH_SECRET is required when NODE_ENV=production: set the same random secret of 32+ characters on the gateway and every subgraph.',
    );
  }
  if (production && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL && !e.AUTH_JWKS_FILE) {
    throw new ConfigError(
      'NODE_ENV=production needs a way to verify caller tokens: set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL / AUTH_JWKS_FILE (RS256/ES256).',
    );
  }
  const store: StoreConfig =
    e.CHANNEL_STORE === 'sqlite'
      ? { kind: 'sqlite', directory: path.resolve(e.SQLITE_DIR) }
      : {
          kind: 'mysql',
          host: e.MYSQL_HOST,
          port: e.MYSQL_PORT,
          user: e.MYSQL_USER,
          password: e.MYSQL_PASSWORD,
          databasePrefix: e.MYSQL_DATABASE_PREFIX,
          poolSize: e.MYSQL_POOL_SIZE,
        };
  return {
    environment: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    store,
    ports: {
      gateway: e.GATEWAY_PORT,
      partners: e.PARTNERS_PORT,
      programs: e.PROGRAMS_PORT,
      licences: e.LICENCES_PORT,
      customers: e.CUSTOMERS_PORT,
    },
    subgraphUrls: {
      partners: e.PARTNERS_URL,
      programs: e.PROGRAMS_URL,
      licences: e.LICENCES_URL,
      customers: e.CUSTOMERS_URL,
    },
    runMigrations: e.RUN_MIGRATIONS === 'true',
    seedOnStart: e.SEED_ON_START,
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET ?? (production || e.AUTH_JWKS_URL || e.AUTH_JWKS_FILE ? null : DEVELOPMENT_JWT_SECRET),
      jwksUrl: e.AUTH_JWKS_URL ?? null,
      jwksFile: e.AUTH_JWKS_FILE ?? null,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      internalSecret: e.INTERNAL_AUTH_SECRET ?? DEVELOPMENT_INTERNAL_SECRET,
      apiKeyCacheSeconds: e.API_KEY_CACHE_SECONDS,
      maxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
      partnerCacheSeconds: e.PARTNER_CACHE_SECONDS,
    },
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxRootFields: e.MAX_ROOT_FIELDS,
      maxTokens: e.MAX_TOKENS,
      maxDirectives: e.MAX_DIRECTIVES,
      maxCost: e.MAX_QUERY_COST,
      maxBodyBytes: e.MAX_BODY_SIZE,
    },
    rateLimit: { burst: e.RATE_LIMIT_BURST, refillPerSecond: e.RATE_LIMIT_PER_SECOND },
    responseCache: { seconds: e.RESPONSE_CACHE_SECONDS, maxEntries: e.RESPONSE_CACHE_MAX_ENTRIES },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, timeoutMs: e.REDIS_TIMEOUT_MS } : null,
    persistedQueries: { mode: e.PERSISTED_QUERIES, manifestFile: path.resolve(projectRoot(), e.PERSISTED_QUERY_MANIFEST) },
    queryPlanner: e.GATEWAY_QUERY_PLANNER,
    resilience: {
      subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
      breakerErrorPercent: e.CIRCUIT_BREAKER_ERROR_PERCENT,
      breakerMinRequests: e.CIRCUIT_BREAKER_MIN_REQUESTS,
      breakerResetMs: e.CIRCUIT_BREAKER_RESET_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
    writes: { idempotencyKeyHours: e.IDEMPOTENCY_KEY_HOURS },
  };
}
