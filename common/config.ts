import path from 'node:path';
import { z } from 'zod';

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

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as http://127.0.0.1:4001/graphql' });

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('0.0.0.0'),

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

  RUN_MIGRATIONS: z.enum(['true', 'false']).default('true'),
  SEED_ON_START: z.enum(['none', 'demo', 'full']).default('demo'),
});

export type Environment = z.infer<typeof environmentSchema>;

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
}

/** Development-only secrets, so the quick start needs no setup; production refuses to start with them. */
export const DEVELOPMENT_JWT_SECRET = 'channel-graph-development-only-jwt-secret';
const DEVELOPMENT_INTERNAL_SECRET = 'channel-graph-development-only-internal-secret';

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
    throw new ConfigError(`Invalid environment configuration:\n  ${problems.join('\n  ')}\nFix the variable(s) above (see README, "Configuration").`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.INTERNAL_AUTH_SECRET) {
    throw new ConfigError('INTERNAL_AUTH_SECRET is required when NODE_ENV=production: set the same random secret of 32+ characters on the gateway and every subgraph.');
  }
  if (production && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL && !e.AUTH_JWKS_FILE) {
    throw new ConfigError('NODE_ENV=production needs a way to verify caller tokens: set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL / AUTH_JWKS_FILE (RS256/ES256).');
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
    host: e.HOST,
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
    },
  };
}
