import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../common/config';
import { SCALES, type Scale } from '../demo/generator';
import { seedStore } from '../demo/seed';
import { closeStore, openStore } from '../subgraphs/store';

const USAGE = 'Usage: npm run seed -- [--scale small|demo|full] [--replace]   (store from CHANNEL_STORE and MYSQL_*/SQLITE_DIR)';

/** `npm run seed`: migrates the four databases and fills them with generated demo data. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'demo' }, replace: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE);
  if (!(values.scale in SCALES))
    throw new Error(`--scale "${values.scale}" is not a scale; use one of ${Object.keys(SCALES).join(', ')}.\n${USAGE}`);
  const config = loadConfig();
  const started = Date.now();
  const dataSources = await openStore(config.store, { runMigrations: true });
  try {
    const outcome = await seedStore(dataSources, values.scale as Scale, { replace: values.replace });
    console.log(
      outcome === 'seeded'
        ? `Seeded ${config.store.kind} at "${values.scale}" scale in ${((Date.now() - started) / 1000).toFixed(1)} s.`
        : 'The store already holds data: nothing written. Pass --replace to delete it and seed again.',
    );
  } finally {
    await closeStore(dataSources);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
