import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { closeStore, openStore } from '../subgraphs/store';

/** `npm run migrate`: creates missing databases and applies pending migrations in all four subgraphs. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSources = await openStore(config.store, { runMigrations: false });
  try {
    for (const [subgraph, dataSource] of Object.entries(dataSources)) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(`${subgraph}: ${applied.length === 0 ? 'up to date' : `applied ${applied.map((m) => m.name).join(', ')}`}`);
    }
  } finally {
    await closeStore(dataSources);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
