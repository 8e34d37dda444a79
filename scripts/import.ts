import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { importDirectory, type ImportReport } from '../bulk-import/bulk-import';
import { loadConfig } from '../common/config';
import { closeStore, openStore } from '../subgraphs/store';

const USAGE = `Usage: npm run import -- <directory> [--keep-good-rows] [--actor NAME]
  Imports partners.csv, licences.csv, memberships.csv, agreements.csv, allocations.csv,
  customers.csv, contracts.csv and migrations.csv from <directory> (any subset) into the store
  of CHANNEL_STORE and MYSQL_*/SQLITE_DIR, through the subgraphs' rules. With any bad row
  nothing is written, unless --keep-good-rows. Formats: README, "Bulk import".`;

/** `npm run import`: the bulk import, with a progress bar on a terminal. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'keep-good-rows': { type: 'boolean', default: false }, actor: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE);
  const [given, ...more] = positionals;
  if (given === undefined || more.length > 0) throw new Error(`Give one directory of CSV files (got ${positionals.length}).\n${USAGE}`);
  const directory = path.resolve(given);
  const config = loadConfig();
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'importing {file} [{bar}] {value}/{total} rows | {eta}s left', stream: process.stderr, etaBuffer: 200 })
    : null;
  const started = Date.now();
  const dataSources = await openStore(config.store, { runMigrations: true });
  let report: ImportReport;
  try {
    report = await importDirectory(directory, dataSources, {
      actor: values.actor ?? `csv-import:${os.userInfo().username}`,
      keepGoodRows: values['keep-good-rows'],
      onProgress: ({ done, total, file }) => {
        if (!bar) return;
        if (done === 0) bar.start(total, 0, { file });
        bar.update(done, { file });
      },
    });
  } finally {
    bar?.stop();
    await closeStore(dataSources);
  }
  printReport(report, directory, config.store.kind, Date.now() - started);
  if (report.problems.length > 0) process.exitCode = 1;
}

function printReport(report: ImportReport, directory: string, store: string, elapsedMs: number): void {
  for (const problem of report.problems) {
    const where = `${problem.file}${problem.line > 0 ? `:${problem.line}` : ''}${problem.column ? ` (column ${problem.column})` : ''}`;
    console.error(`${where}: ${problem.reason}`);
  }
  const attempted = report.files.some((file) => file.created + file.unchanged + file.refused > 0);
  for (const file of attempted ? report.files : []) {
    console.log(
      `${file.file.padEnd(20)} ${String(file.rows).padStart(7)} rows: ${file.created} created, ${file.unchanged} unchanged, ${file.refused} refused`,
    );
  }
  if (report.addedProgramCatalogue)
    console.log('The programs database was empty: added the program catalogue (VCPP, VCSP, ADVANTAGE, WHITE_LABEL).');
  const seconds = (elapsedMs / 1000).toFixed(1);
  if (!report.committed)
    console.error(
      `Nothing written to ${store}: ${report.problems.length} problem(s) in ${directory}. Fix them and import again, or pass --keep-good-rows.`,
    );
  else if (report.leftOut > 0)
    console.log(`Imported into ${store} in ${seconds} s, leaving out ${report.leftOut} row(s) with problems (above).`);
  else console.log(`Imported into ${store} in ${seconds} s.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
