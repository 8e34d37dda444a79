import type { DataSource } from 'typeorm';
import type { SubgraphName } from '../../common/config';

/** Every row of every table of every subgraph's database, each table's rows in a fixed order: "nothing written" is equality of two. */
export type StoreSnapshot = Record<string, string[]>;

async function tablesOf(dataSource: DataSource): Promise<string[]> {
  const rows: Array<Record<string, string>> =
    dataSource.options.type === 'better-sqlite3'
      ? await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await dataSource.query('SHOW TABLES');
  return rows.map((row) => Object.values(row)[0]!).sort();
}

export async function snapshotStore(dataSources: Record<SubgraphName, DataSource>): Promise<StoreSnapshot> {
  const snapshot: StoreSnapshot = {};
  for (const [subgraph, dataSource] of Object.entries(dataSources)) {
    for (const table of await tablesOf(dataSource)) {
      const quoted = dataSource.options.type === 'better-sqlite3' ? `"${table}"` : `\`${table}\``;
      const rows: unknown[] = await dataSource.query(`SELECT * FROM ${quoted}`);
      snapshot[`${subgraph}.${table}`] = rows.map((row) => JSON.stringify(row)).sort();
    }
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots, with the rows added and removed (empty: nothing was written). */
export function storeChanges(before: StoreSnapshot, after: StoreSnapshot): Record<string, { added: string[]; removed: string[] }> {
  const changes: Record<string, { added: string[]; removed: string[] }> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((row) => !was.has(row));
    const removed = [...was].filter((row) => !is.has(row));
    if (added.length || removed.length) changes[table] = { added, removed };
  }
  return changes;
}
