import DataLoader from 'dataloader';
import { connectionFromRows, type Connection, type CursorValue, type PageRequest } from './connection';

/**
 * DataLoader factories. Each loader is created per request (in the context factory) and
 * turns the loads of one tick into one statement; results come back in key order.
 */

export function byIdLoader<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const byId = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function groupLoader<K, T>(fetch: (keys: readonly K[]) => Promise<T[]>, keyOf: (row: T) => K): DataLoader<K, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** Loads one value per key (sums, counts); keys without a row get `missing`. */
export function valueLoader<K, V>(fetch: (keys: readonly K[]) => Promise<Map<K, V>>, missing: V): DataLoader<K, V> {
  return new DataLoader(async (keys) => {
    const values = await fetch(keys);
    return keys.map((key) => values.get(key) ?? missing);
  });
}

export interface PagedGroupKey {
  parentId: string;
  page: PageRequest;
}

export interface PagedGroupFetch<T> {
  /** Up to `limit` rows per parent after the cursor, in sort order (one statement for all parents). */
  rows(parentIds: readonly string[], limit: number, after: CursorValue[] | null): Promise<Array<{ parentId: string; node: T }>>;
  /** Total rows per parent (one statement for all parents). */
  counts(parentIds: readonly string[]): Promise<Map<string, number>>;
  cursorValues: (node: T) => CursorValue[];
}

/**
 * A connection per parent (e.g. a partner's customers) for many parents at once: keys that
 * share page arguments are fetched together, so the statement count does not grow with parents.
 */
export function pagedGroupLoader<T>(fetch: PagedGroupFetch<T>): DataLoader<PagedGroupKey, Connection<T>, string> {
  const counts = valueLoader<string, number>((ids) => fetch.counts(ids), 0);
  return new DataLoader<PagedGroupKey, Connection<T>, string>(
    async (keys) => {
      const byPageArgs = new Map<string, { page: PagedGroupKey['page']; group: PagedGroupKey[] }>();
      for (const key of keys) {
        const pageArgs = JSON.stringify(key.page);
        const same = byPageArgs.get(pageArgs) ?? { page: key.page, group: [] };
        same.group.push(key);
        byPageArgs.set(pageArgs, same);
      }
      const results = new Map<PagedGroupKey, Connection<T>>();
      for (const { page, group } of byPageArgs.values()) {
        const parentIds = [...new Set(group.map((key) => key.parentId))];
        const rowsByParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
        for (const row of await fetch.rows(parentIds, page.first + 1, page.after)) rowsByParent.get(row.parentId)?.push(row.node);
        for (const key of group) {
          results.set(
            key,
            connectionFromRows(rowsByParent.get(key.parentId) ?? [], page, fetch.cursorValues, () => counts.load(key.parentId)),
          );
        }
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => `${key.parentId}|${JSON.stringify(key.page)}` },
  );
}
