import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportStore, type ExportedFile } from '../bulk-import/export';
import { CSV_FORMATS } from '../bulk-import/csv-formats';
import { loadConfig, type StoreConfig } from '../common/config';
import { closeStore, openStore } from '../subgraphs/store';

const USAGE = `Usage: npm run export -- <directory> [--replace]
  Writes every record of the store of CHANNEL_STORE and MYSQL_*/SQLITE_DIR into <directory>
  (a new or empty folder) as the bulk import's CSV files, history and audit trails included:
  \`npm run import -- <directory>\` into an empty store of either kind gives it back.
  --replace: <directory> holds an earlier export (nothing but its CSV files); replace it.
  Formats and what is not exported: README, "Moving to MariaDB / backups".`;

/** A problem with the arguments or the target directory: said before anything is read or written (exit 2). */
class BadArguments extends Error {}

/** `npm run export`: the whole store as CSV files, written to a sibling folder first and moved into place whole. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE);
  const [given, ...more] = positionals;
  if (given === undefined || more.length > 0) throw new BadArguments(`Give one directory to export into (got ${positionals.length}).`);
  const target = path.resolve(given);
  const existing = checkTarget(target, values.replace);
  const config = loadConfig();
  const started = Date.now();
  const dataSources = await openStore(config.store, { runMigrations: true });
  let files: ExportedFile[];
  try {
    files = await exportStore(dataSources);
  } finally {
    await closeStore(dataSources);
  }
  if (files.every((file) => file.rows === 0)) {
    console.error(
      `${describe(config.store)} holds no records: nothing written to ${target}. Is CHANNEL_STORE (and MYSQL_*/SQLITE_DIR) the store to export?`,
    );
    process.exitCode = 1;
    return;
  }
  writeWhole(target, files, existing);
  for (const file of files) console.log(`${file.file.padEnd(20)} ${String(file.rows).padStart(7)} rows`);
  console.log(`Exported ${describe(config.store)} to ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

function describe(store: StoreConfig): string {
  return store.kind === 'sqlite'
    ? `The SQLite store in ${store.directory}`
    : `The MySQL store ${store.databasePrefix}* on ${store.host}:${store.port}`;
}

/** Whether the target exists (an empty folder, or an earlier export with --replace); throws BadArguments naming what is wrong and how to fix it. */
function checkTarget(target: string, replace: boolean): boolean {
  const parent = path.dirname(target);
  if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory())
    throw new BadArguments(`${parent} is not a directory: create it first, or give a directory inside an existing one.`);
  if (!writable(parent)) throw new BadArguments(`${parent} is not writable: the export writes next to ${target} before moving into it.`);
  if (!fs.existsSync(target)) return false;
  if (!fs.statSync(target).isDirectory()) throw new BadArguments(`${target} is a file, not a directory: give a new or empty directory.`);
  const entries = fs.readdirSync(target);
  if (entries.length === 0) return true;
  if (!replace)
    throw new BadArguments(
      `${target} is not empty (${entries.length} entries): give a new or empty directory, or --replace to replace an earlier export there.`,
    );
  const foreign = entries.filter((entry) => !CSV_FORMATS.some((format) => format.file === entry));
  if (foreign.length > 0)
    throw new BadArguments(
      `${target} holds more than an export (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}): --replace only replaces a folder of exported CSV files.`,
    );
  return true;
}

function writable(directory: string): boolean {
  try {
    fs.accessSync(directory, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes the files into a new sibling folder, then moves it in place of the target: the target is never half-written. */
function writeWhole(target: string, files: ExportedFile[], replacing: boolean): void {
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.export-`));
  try {
    for (const file of files) fs.writeFileSync(path.join(staging, file.file), file.content, { encoding: 'utf8', flush: true });
    if (replacing) {
      const previous = `${staging}.previous`;
      fs.renameSync(target, previous);
      fs.renameSync(staging, target);
      fs.rmSync(previous, { recursive: true, force: true });
    } else fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

main().catch((error) => {
  if (error instanceof BadArguments) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
