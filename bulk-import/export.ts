import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../common/config';
import { csvFile, type CellValue } from './csv-files';
import { normalised } from './bulk-import';
import { CSV_FORMATS, type CsvFormat } from './csv-formats';

/** One file of an export: its name, content and how many records it holds. */
export interface ExportedFile {
  file: string;
  content: string;
  rows: number;
}

/**
 * Every record of the store in the bulk import's CSV formats, one file per format, in the import's
 * order: importing them into an empty store (of either kind) gives back the same records, ids and
 * history, audit trails included. The content depends only on what is stored: rows oldest first
 * (the format's first day, then id, compared character by character whatever the database's
 * collation), cells as `csvCell` writes them, dates as YYYY-MM-DD, lines ending with LF.
 * Each database is read in one transaction, so each file is one consistent moment of its database.
 */
export async function exportStore(dataSources: Record<SubgraphName, DataSource>): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  for (const subgraph of Object.keys(dataSources) as SubgraphName[]) {
    const formats = CSV_FORMATS.filter((format) => format.subgraph === subgraph);
    files.push(...(await inOneReadTransaction(dataSources[subgraph], (manager) => exportFormats(manager, formats))));
  }
  return CSV_FORMATS.map((format) => files.find((file) => file.file === format.file)!);
}

async function exportFormats(manager: EntityManager, formats: CsvFormat[]): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  for (const format of formats) {
    const rows = await rowsOf(manager, format);
    files.push({ file: format.file, content: csvFile(format.columns, rows), rows: rows.length });
  }
  return files;
}

async function rowsOf(manager: EntityManager, format: CsvFormat): Promise<Array<Record<string, CellValue>>> {
  const exported = (await format.exported?.(manager)) ?? ((): Record<string, CellValue> => ({}));
  const rows = (await manager.find(format.entity)).map((stored: ObjectLiteral) => {
    const special = exported(stored);
    return Object.fromEntries(
      format.columns.map((spec) => [
        spec.name,
        spec.name in special ? special[spec.name]! : normalised(stored[format.storedAs?.[spec.name] ?? spec.name]),
      ]),
    );
  });
  const key = (row: Record<string, CellValue>) => [String(format.firstDay ? row[format.firstDay] : ''), String(row.id)];
  return rows
    .map((row) => ({ row, key: key(row) }))
    .sort((a, b) => compare(a.key[0]!, b.key[0]!) || compare(a.key[1]!, b.key[1]!))
    .map(({ row }) => row);
}

/** By UTF-16 code units, the same on every machine and database. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads in one transaction: REPEATABLE READ (a snapshot) on MySQL, a read transaction on SQLite (WAL keeps it a snapshot). */
async function inOneReadTransaction<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction(dataSource.options.type === 'better-sqlite3' ? undefined : 'REPEATABLE READ');
    return await read(runner.manager);
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
