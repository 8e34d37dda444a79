import { decodeCursor, encodeCursor, type CursorValue, type PageRequest } from './connection';
import { byIdLoader, groupLoader, pagedGroupLoader, valueLoader, type PagedGroupFetch } from './loaders';

/** Unit tests of the loader factories, with in-memory fetch functions that record their calls. */

interface Row {
  id: string;
  ownerId: string;
}

const ROWS: Row[] = [
  { id: 'r1', ownerId: 'o1' },
  { id: 'r2', ownerId: 'o2' },
  { id: 'r3', ownerId: 'o1' },
  { id: 'r4', ownerId: 'o3' },
  { id: 'r5', ownerId: 'o1' },
];

/** Lets DataLoader's batch (scheduled after the current tick) run. */
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('byIdLoader', () => {
  function recordingFetch() {
    const calls: string[][] = [];
    // Returns rows in reverse order, so the loader has to put them back in key order.
    const fetch = async (ids: readonly string[]) => {
      calls.push([...ids]);
      return ROWS.filter((row) => ids.includes(row.id)).reverse();
    };
    return { calls, fetch };
  }

  it('answers in key order with null for missing ids, from one fetch per tick', async () => {
    const { calls, fetch } = recordingFetch();
    const loader = byIdLoader(fetch);
    const results = await Promise.all(['r4', 'missing', 'r1', 'r3', 'r1'].map((id) => loader.load(id)));
    expect(results).toEqual([ROWS[3], null, ROWS[0], ROWS[2], ROWS[0]]);
    expect(calls).toHaveLength(1);
    expect([...(calls[0] ?? [])].sort()).toEqual(['missing', 'r1', 'r3', 'r4']);
  });

  it('loadMany keeps key order too', async () => {
    const { calls, fetch } = recordingFetch();
    const results = await byIdLoader(fetch).loadMany(['r5', 'r2', 'nope']);
    expect(results).toEqual([ROWS[4], ROWS[1], null]);
    expect(calls).toHaveLength(1);
  });

  it('fetches again in a later tick only for ids it has not seen', async () => {
    const { calls, fetch } = recordingFetch();
    const loader = byIdLoader(fetch);
    await loader.load('r1');
    await Promise.all([loader.load('r1'), loader.load('r2')]);
    expect(calls).toEqual([['r1'], ['r2']]);
  });

  it('rejects every load of the batch when the fetch fails', async () => {
    const loader = byIdLoader<Row>(async () => {
      throw new Error('database down');
    });
    const results = await Promise.allSettled([loader.load('r1'), loader.load('r2')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('groupLoader', () => {
  it('groups rows by key, in fetch order, and answers [] for keys without rows', async () => {
    const calls: string[][] = [];
    const loader = groupLoader(
      async (ownerIds: readonly string[]) => {
        calls.push([...ownerIds]);
        return ROWS.filter((row) => ownerIds.includes(row.ownerId));
      },
      (row) => row.ownerId,
    );
    const [o1, none, o3, o2] = await Promise.all([loader.load('o1'), loader.load('o-none'), loader.load('o3'), loader.load('o2')]);
    expect(o1.map((r) => r.id)).toEqual(['r1', 'r3', 'r5']);
    expect(none).toEqual([]);
    expect(o3.map((r) => r.id)).toEqual(['r4']);
    expect(o2.map((r) => r.id)).toEqual(['r2']);
    expect(calls).toHaveLength(1);
  });

  it('ignores rows whose key was not asked for', async () => {
    const loader = groupLoader(
      async () => ROWS,
      (row) => row.ownerId,
    );
    expect((await loader.load('o2')).map((r) => r.id)).toEqual(['r2']);
  });

  it('works with non-string keys', async () => {
    const loader = groupLoader(
      async (sizes: readonly number[]) => ['a', 'bb', 'cc', 'ddd'].filter((word) => sizes.includes(word.length)),
      (word) => word.length,
    );
    expect(await loader.loadMany([2, 4, 1])).toEqual([['bb', 'cc'], [], ['a']]);
  });
});

describe('valueLoader', () => {
  it('answers the fetched value per key and the default for keys without one, keeping falsy values', async () => {
    const calls: string[][] = [];
    const loader = valueLoader(async (ids: readonly string[]) => {
      calls.push([...ids]);
      return new Map([
        ['o1', 3],
        ['o2', 0],
      ]);
    }, -1);
    expect(await Promise.all(['o1', 'o2', 'o9'].map((id) => loader.load(id)))).toEqual([3, 0, -1]);
    expect(calls).toHaveLength(1);
  });

  it('uses 0 as a default like the licensed-cores loader does', async () => {
    const loader = valueLoader(async () => new Map<string, number>(), 0);
    expect(await loader.loadMany(['x', 'y'])).toEqual([0, 0]);
  });
});

describe('pagedGroupLoader', () => {
  /** Each parent's children, sorted by id; a row per (parent, child). */
  const CHILDREN: Record<string, string[]> = {
    p1: ['c01', 'c02', 'c03', 'c04', 'c05'],
    p2: ['c02', 'c06'],
    p3: [],
  };

  function recordingFetch() {
    const rowCalls: Array<{ parentIds: string[]; limit: number; after: CursorValue[] | null }> = [];
    const countCalls: string[][] = [];
    const fetch: PagedGroupFetch<{ id: string }> = {
      async rows(parentIds, limit, after) {
        rowCalls.push({ parentIds: [...parentIds], limit, after });
        return parentIds.flatMap((parentId) =>
          (CHILDREN[parentId] ?? [])
            .filter((id) => after === null || id > String(after[0]))
            .slice(0, limit)
            .map((id) => ({ parentId, node: { id } })),
        );
      },
      async counts(parentIds) {
        countCalls.push([...parentIds]);
        return new Map(parentIds.filter((id) => CHILDREN[id]?.length).map((id) => [id, CHILDREN[id]!.length]));
      },
      cursorValues: (node) => [node.id],
    };
    return { fetch, rowCalls, countCalls };
  }
  const page = (first: number, after: CursorValue[] | null = null): PageRequest => ({ first, after });
  const ids = (connection: { edges: Array<{ node: { id: string } }> }) => connection.edges.map((e) => e.node.id);

  it('fetches all parents that share page arguments in one call, asking for one extra row', async () => {
    const { fetch, rowCalls, countCalls } = recordingFetch();
    const loader = pagedGroupLoader(fetch);
    const load = (parentId: string) => loader.load({ parentId, page: page(2) });
    const [p1, p2, p3, p4] = await Promise.all([load('p1'), load('p2'), load('p3'), load('p4')]);
    expect(rowCalls).toHaveLength(1);
    expect(rowCalls[0]).toEqual({ parentIds: ['p1', 'p2', 'p3', 'p4'], limit: 3, after: null });

    expect(ids(p1)).toEqual(['c01', 'c02']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(p1.pageInfo.endCursor!)).toEqual(['c02']);
    expect(ids(p2)).toEqual(['c02', 'c06']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(ids(p3)).toEqual([]);
    expect(ids(p4)).toEqual([]);
    expect(p4.pageInfo.endCursor).toBeNull();

    expect(countCalls).toHaveLength(0); // totalCount not asked for yet
    expect(await Promise.all([p1, p2, p3, p4].map((c) => Promise.resolve(c.totalCount)))).toEqual([5, 2, 0, 0]);
    expect(countCalls).toHaveLength(1);
    expect([...(countCalls[0] ?? [])].sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('makes one fetch per distinct page arguments: two values of first, two calls', async () => {
    const { fetch, rowCalls } = recordingFetch();
    const loader = pagedGroupLoader(fetch);
    const [small, large, smallToo] = await Promise.all([
      loader.load({ parentId: 'p1', page: page(1) }),
      loader.load({ parentId: 'p1', page: page(4) }),
      loader.load({ parentId: 'p2', page: page(1) }),
    ]);
    expect(rowCalls).toHaveLength(2);
    expect(rowCalls.map((c) => [c.limit, c.parentIds]).sort()).toEqual([
      [2, ['p1', 'p2']],
      [5, ['p1']],
    ]);
    expect(ids(small)).toEqual(['c01']);
    expect(ids(large)).toEqual(['c01', 'c02', 'c03', 'c04']);
    expect(ids(smallToo)).toEqual(['c02']);
  });

  it('keeps a cursor page apart from the first page and passes the cursor values on', async () => {
    const { fetch, rowCalls } = recordingFetch();
    const loader = pagedGroupLoader(fetch);
    const [firstPage, afterC03] = await Promise.all([
      loader.load({ parentId: 'p1', page: page(2) }),
      loader.load({ parentId: 'p1', page: page(2, ['c03']) }),
    ]);
    expect(rowCalls).toHaveLength(2);
    expect(rowCalls.map((c) => c.after)).toContainEqual(['c03']);
    expect(ids(firstPage)).toEqual(['c01', 'c02']);
    expect(ids(afterC03)).toEqual(['c04', 'c05']);
    expect(afterC03.pageInfo.hasPreviousPage).toBe(true);
    expect(afterC03.pageInfo.hasNextPage).toBe(false);
    expect(afterC03.pageInfo.startCursor).toBe(encodeCursor(['c04']));
  });

  it('caches the same parent and page arguments within the loader', async () => {
    const { fetch, rowCalls } = recordingFetch();
    const loader = pagedGroupLoader(fetch);
    const [a, b] = await Promise.all([loader.load({ parentId: 'p1', page: page(3) }), loader.load({ parentId: 'p1', page: page(3) })]);
    expect(a).toBe(b);
    await loader.load({ parentId: 'p1', page: page(3) });
    expect(rowCalls).toHaveLength(1);
  });

  it('does not ask for totals of parents whose totalCount is never awaited', async () => {
    const { fetch, countCalls } = recordingFetch();
    const loader = pagedGroupLoader(fetch);
    const [p1] = await Promise.all([loader.load({ parentId: 'p1', page: page(2) }), loader.load({ parentId: 'p2', page: page(2) })]);
    expect(await p1.totalCount).toBe(5);
    await nextTick();
    expect(countCalls).toEqual([['p1']]);
  });
});
