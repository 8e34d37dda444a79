import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { projectRoot } from '../common/paths';
import { subgraphs } from '../subgraphs';
import { createDataSource, ensureDatabase, type StoreDefinition } from '../subgraphs/kit/data-source';
import { describeSchema } from './kit/store-schema';
import { dropTestStore, storeLabel, testConfig } from './kit/store';

/*
 * A released migration's effect never changes: each subgraph's migrations, run on an empty store,
 * give exactly the schema committed in tests/migrated-schema/<store>/<subgraph>.txt (tables,
 * columns, types, lengths, nullability, keys, indices, foreign keys, and the applied migrations'
 * names). A new migration changes it: UPDATE_MIGRATED_SCHEMA=1 writes it anew, to be reviewed
 * with the migration. Each migration's down is checked to give back the schema before its up.
 */

const config = testConfig();
const storeKind = config.store.kind;
const snapshotFolder = path.join(projectRoot(), 'tests', 'migrated-schema', storeKind);

/** The schema after running the first `count` migrations of a subgraph, as production runs them. */
async function schemaAfter(definition: StoreDefinition, count: number): Promise<string> {
  const dataSource = createDataSource(config.store, { ...definition, migrations: migrationsOf(definition).slice(0, count) });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    return await describeSchema(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function migrationsOf(definition: StoreDefinition): Array<new () => unknown> {
  return definition.migrations as Array<new () => unknown>;
}

async function undoAll(definition: StoreDefinition, each: (schema: string, remaining: number) => void): Promise<void> {
  const dataSource: DataSource = createDataSource(config.store, definition);
  await dataSource.initialize();
  try {
    for (let remaining = migrationsOf(definition).length - 1; remaining >= 0; remaining -= 1) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      each(await describeSchema(dataSource), remaining);
    }
  } finally {
    await dataSource.destroy();
  }
}

describe(`schema migrations (${storeLabel()})`, () => {
  afterAll(async () => {
    await dropTestStore(config.store);
  });

  for (const subgraph of subgraphs) {
    it(`${subgraph.name}: an empty store migrates to the committed schema, and each down gives back the schema before its up`, async () => {
      const definition = subgraph.store;
      await ensureDatabase(config.store, definition.subgraph);
      const count = migrationsOf(definition).length;
      const afterEach: string[] = [];
      for (let applied = 0; applied <= count; applied += 1) afterEach.push(await schemaAfter(definition, applied));

      const snapshotFile = path.join(snapshotFolder, `${subgraph.name}.txt`);
      if (process.env.UPDATE_MIGRATED_SCHEMA === '1') {
        fs.mkdirSync(snapshotFolder, { recursive: true });
        fs.writeFileSync(snapshotFile, afterEach[count]!);
      }
      expect(afterEach[count]).toBe(fs.readFileSync(snapshotFile, 'utf8'));

      const afterUndo: Array<{ remaining: number; schema: string }> = [];
      await undoAll(definition, (schema, remaining) => afterUndo.push({ remaining, schema }));
      expect(afterUndo).toEqual(afterUndo.map(({ remaining }) => ({ remaining, schema: afterEach[remaining] })));
    });
  }
});
