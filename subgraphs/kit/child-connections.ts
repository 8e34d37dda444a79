import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Connection } from './connection';
import { pagedGroupLoader, type PagedGroupKey } from './loaders';
import { toNumber } from './sql';

/** Where the (parent, child) pairs of a nested connection live, e.g. contracts' (provider_id, customer_id). */
export interface ChildPairs {
  /** A table name or a parenthesised derived table, aliased by the caller's SQL as `pairs`. */
  source: string;
  params?: unknown[];
  parentColumn: string;
  childColumn: string;
}

/**
 * A nested connection (ordered by child id) for many parents in one statement, using
 * ROW_NUMBER() per parent, which both SQLite (3.25+) and MySQL 8 / MariaDB 10.2+ have.
 * Nodes are then read through the child loader, batched with every other load of that type.
 */
export function childConnectionLoader<T extends { id: string }>(
  dataSource: DataSource,
  pairs: ChildPairs,
  nodes: DataLoader<string, T | null>,
): DataLoader<PagedGroupKey, Connection<T>, string> {
  const { source, parentColumn: parent, childColumn: child } = pairs;
  const sourceParams = pairs.params ?? [];
  return pagedGroupLoader<T>({
    async rows(parentIds, limit, after) {
      const placeholders = parentIds.map(() => '?').join(', ');
      const afterCondition = after ? ` AND pairs.${child} > ?` : '';
      const ranked: Array<{ parent_id: string; child_id: string }> = await dataSource.query(
        `SELECT parent_id, child_id FROM (
           SELECT pairs.${parent} AS parent_id, pairs.${child} AS child_id,
                  ROW_NUMBER() OVER (PARTITION BY pairs.${parent} ORDER BY pairs.${child}) AS position
           FROM ${source} pairs
           WHERE pairs.${parent} IN (${placeholders})${afterCondition}
         ) ranked
         WHERE position <= ?
         ORDER BY parent_id, position`,
        [...sourceParams, ...parentIds, ...(after ? [after[0]] : []), limit],
      );
      const loaded = await nodes.loadMany(ranked.map((row) => row.child_id));
      return ranked.flatMap((row, index) => {
        const node = loaded[index];
        if (node instanceof Error) throw node;
        return node ? [{ parentId: row.parent_id, node }] : [];
      });
    },
    async counts(parentIds) {
      const placeholders = parentIds.map(() => '?').join(', ');
      const rows: Array<{ parent_id: string; total: unknown }> = await dataSource.query(
        `SELECT pairs.${parent} AS parent_id, COUNT(*) AS total FROM ${source} pairs
         WHERE pairs.${parent} IN (${placeholders}) GROUP BY pairs.${parent}`,
        [...sourceParams, ...parentIds],
      );
      return new Map(rows.map((row) => [row.parent_id, toNumber(row.total)]));
    },
    cursorValues: (node) => [node.id],
  });
}
