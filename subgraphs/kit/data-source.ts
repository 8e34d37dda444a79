import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import type { StoreConfig, SubgraphName } from '../../common/config';
import { hookStatements } from './statements';

export interface StoreDefinition {
  subgraph: SubgraphName;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** TypeORM says nothing: statements are observed through `hookStatements`, failures reach the caller. */
const silent: TypeOrmLogger = {
  logQuery() {},
  logQueryError() {},
  logQuerySlow() {},
  logSchemaBuild() {},
  logMigration() {},
  log() {},
};

function databaseName(store: StoreConfig, subgraph: SubgraphName): string {
  return store.kind === 'mysql' ? `${store.databasePrefix}${subgraph}` : path.join(store.directory, `${subgraph}.sqlite`);
}

/** MySQL databases are created when missing; SQLite files when their folder exists. */
export async function ensureDatabase(store: StoreConfig, subgraph: SubgraphName): Promise<void> {
  if (store.kind === 'sqlite') {
    fs.mkdirSync(store.directory, { recursive: true });
    return;
  }
  const connection = await mysql.createConnection({
    host: store.host,
    port: store.port,
    user: store.user,
    password: store.password,
  });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${databaseName(store, subgraph)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

/** A subgraph's data source on the store (not connected yet), every statement passing `hookStatements`. */
export function createDataSource(store: StoreConfig, definition: StoreDefinition): DataSource {
  const common = {
    entities: definition.entities,
    migrations: definition.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logger: silent,
  };
  const dataSource =
    store.kind === 'sqlite'
      ? new DataSource({
          ...common,
          type: 'better-sqlite3',
          database: databaseName(store, definition.subgraph),
          prepareDatabase: (db: { pragma(source: string): unknown }) => {
            db.pragma('journal_mode = WAL');
            db.pragma('busy_timeout = 5000');
          },
        })
      : new DataSource({
          ...common,
          type: 'mysql',
          host: store.host,
          port: store.port,
          username: store.user,
          password: store.password,
          database: databaseName(store, definition.subgraph),
          charset: 'utf8mb4_unicode_ci',
          dateStrings: true,
          poolSize: store.poolSize,
          timezone: 'Z',
        });
  hookStatements(dataSource);
  return dataSource;
}

/** Creates the database if needed, connects, and brings the schema up to date when asked. */
export async function openDataSource(
  store: StoreConfig,
  definition: StoreDefinition,
  options: { runMigrations: boolean },
): Promise<DataSource> {
  await ensureDatabase(store, definition.subgraph);
  const dataSource = createDataSource(store, definition);
  await dataSource.initialize();
  if (options.runMigrations) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

export async function dropDatabase(store: StoreConfig, subgraph: SubgraphName): Promise<void> {
  if (store.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databaseName(store, subgraph) + suffix, { force: true });
    return;
  }
  const connection = await mysql.createConnection({ host: store.host, port: store.port, user: store.user, password: store.password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(store, subgraph)}\``);
  } finally {
    await connection.end();
  }
}
