import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, SUBGRAPH_NAMES, type AppConfig, type StoreConfig } from '../../common/config';
import type { DataSource } from 'typeorm';
import { dropDatabase, openDataSource, type StoreDefinition } from '../../subgraphs/kit/data-source';
import { gatewayTierLabel } from './gateway-tier';

/**
 * A private store for one test file, on the store the run is for (CHANNEL_STORE=sqlite|mysql):
 * a temporary SQLite folder, or MySQL databases under a unique prefix.
 */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig(testEnv(overrides));
}

/** The environment testConfig reads: what a gateway started as its own process (the Hive runner) is given. */
export function testEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const unique = `${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    SQLITE_DIR:
      (overrides.CHANNEL_STORE ?? process.env.CHANNEL_STORE) === 'mysql'
        ? 'unused'
        : fs.mkdtempSync(path.join(os.tmpdir(), 'channel-graph-')),
    MYSQL_DATABASE_PREFIX: `cgtest_${unique}_`,
    ...overrides,
  };
}

export async function dropTestStore(store: StoreConfig): Promise<void> {
  if (store.kind === 'sqlite') {
    fs.rmSync(store.directory, { recursive: true, force: true });
    return;
  }
  for (const subgraph of SUBGRAPH_NAMES) await dropDatabase(store, subgraph);
}

/** The store of the run, and the gateway tier when it is not ours (CHANNEL_GATEWAY, tests/kit/gateway-tier.ts). */
export function storeLabel(): string {
  const store = process.env.CHANNEL_STORE === 'mysql' ? 'MariaDB/MySQL' : 'SQLite';
  const tier = gatewayTierLabel();
  return tier ? `${store}, ${tier}` : store;
}

/**
 * One subgraph's database on a private test store, for the tests of the describe block it is called
 * in: opened and migrated in beforeAll (then `seed` fills it), closed and dropped in afterAll. The
 * answer gives the open data source from beforeAll on.
 */
export function migratedTestDatabase(
  definition: StoreDefinition,
  { config = testConfig(), seed }: { config?: AppConfig; seed?: (dataSource: DataSource) => Promise<void> } = {},
): () => DataSource {
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    dataSource = await openDataSource(config.store, definition, { runMigrations: true });
    await seed?.(dataSource);
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await dropTestStore(config.store);
  });
  return () => {
    if (!dataSource) throw new Error('The test database opens in beforeAll: read it inside a hook or a test.');
    return dataSource;
  };
}
