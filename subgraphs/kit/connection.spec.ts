import { GraphQLError } from 'graphql';
import { migratedTestDatabase, storeLabel } from '../../tests/kit/store';
import { Partner, PartnerCategory, Region } from '../partners/partner/partner.entity';
import { partnersSubgraph } from '../partners/subgraph';
import {
  connectionFromRows,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  MAX_PAGE_SIZE,
  pageRequest,
  paginate,
  type Connection,
  type CursorValue,
  type PageRequest,
  type SortKey,
} from './connection';
import { captureStatements } from './statements';

/** Runs `work` expecting a GraphQLError and returns it. */
function graphQLErrorOf(work: () => unknown): GraphQLError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected a GraphQLError, nothing was thrown');
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('cursors', () => {
  it.each<[string, CursorValue[]]>([
    ['a string and an id', ['Alpha Cloud', 'ptn-0001']],
    ['numbers', [0, -5, 3.25, 1_000_000]],
    ['unicode and quotes', ['Zürich "Cloud" ☁', "o'neil", '']],
  ])('round-trip %s', (_, values) => {
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, no padding
    expect(decodeCursor(cursor)).toEqual(values);
  });

  it.each([
    ['not base64 JSON', '%%%not a cursor%%%'],
    ['base64 of plain text', base64url('hello')],
    ['a JSON object', base64url('{"id":"ptn-1"}')],
    ['a JSON number', base64url('42')],
    ['an empty array', base64url('[]')],
    ['an array with a boolean', base64url('["a",true]')],
    ['an array with null', base64url('[null]')],
    ['a nested array', base64url('[["a"]]')],
  ])('refuses %s with BAD_USER_INPUT naming "after"', (_, cursor) => {
    const error = graphQLErrorOf(() => decodeCursor(cursor));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argumentName).toBe('after');
    expect(error.message).toContain('"after"');
  });
});

describe('pageRequest', () => {
  it.each([0, 101, 2.5, -1])('refuses first: %p with BAD_USER_INPUT naming the limits', (first) => {
    const error = graphQLErrorOf(() => pageRequest({ first }));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argumentName).toBe('first');
    expect(error.message).toContain(`between 1 and ${MAX_PAGE_SIZE}`);
    expect(error.message).toContain(`got ${first}`);
  });

  it('defaults to 20 without first, and accepts the bounds 1 and 100', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(pageRequest({})).toEqual({ first: 20, after: null });
    expect(pageRequest({ first: null as unknown as number, after: null })).toEqual({ first: 20, after: null });
    expect(pageRequest({ first: 1 }).first).toBe(1);
    expect(pageRequest({ first: 100 }).first).toBe(100);
  });

  it('decodes after, and treats an empty after as the first page', () => {
    expect(pageRequest({ first: 5, after: encodeCursor(['Beta', 'ptn-2']) })).toEqual({ first: 5, after: ['Beta', 'ptn-2'] });
    expect(pageRequest({ first: 5, after: '' })).toEqual({ first: 5, after: null });
    expect(graphQLErrorOf(() => pageRequest({ first: 5, after: 'garbage!' })).extensions.argumentName).toBe('after');
  });
});

describe('connectionFromRows', () => {
  const page = (first: number, after: CursorValue[] | null = null): PageRequest => ({ first, after });
  const rows = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
  const cursorOf = (row: { id: string }) => [row.id];

  it('keeps first rows and reports a next page when one extra row was fetched', () => {
    const connection = connectionFromRows(rows, page(3), cursorOf, async () => 10);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['a', 'b', 'c']);
    expect(connection.edges.map((e) => decodeCursor(e.cursor))).toEqual([['a'], ['b'], ['c']]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor(['a']),
      endCursor: encodeCursor(['c']),
    });
  });

  it('reports no next page on the last page, and a previous page after a cursor', () => {
    const connection = connectionFromRows(rows.slice(2), page(3, ['b']), cursorOf, async () => 4);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['c', 'd']);
    expect(connection.pageInfo.hasNextPage).toBe(false);
    expect(connection.pageInfo.hasPreviousPage).toBe(true);
    expect(connection.pageInfo.endCursor).toBe(encodeCursor(['d']));
  });

  it('has null cursors on an empty page', () => {
    const connection = connectionFromRows([], page(3), cursorOf, async () => 0);
    expect(connection.edges).toEqual([]);
    expect(connection.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it('counts only when totalCount is awaited, and only once', async () => {
    const count = jest.fn(async () => 42);
    const connection = connectionFromRows(rows, page(2), cursorOf, count);
    await new Promise((resolve) => setImmediate(resolve));
    expect(count).not.toHaveBeenCalled();
    expect(await connection.totalCount).toBe(42);
    expect(await connection.totalCount).toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('passes a failing count on to the awaiting field', async () => {
    const connection = connectionFromRows(rows, page(2), cursorOf, async () => {
      throw new Error('count failed');
    });
    await expect(Promise.resolve(connection.totalCount)).rejects.toThrow('count failed');
  });
});

describe(`paginate over a real partners table (${storeLabel()})`, () => {
  const dataSource = migratedTestDatabase(partnersSubgraph.store, {
    seed: async (database) => {
      await database.getRepository(Partner).insert(partners);
    },
  });

  // Duplicate names on purpose: the id breaks the tie. Same-case ASCII names sort alike on every store's collation.
  const names = [
    'Delta Cloud',
    'Alpha Cloud',
    'Echo Hosting',
    'Alpha Cloud',
    'Bravo Systems',
    'Delta Cloud',
    'Charlie Data',
    'Alpha Cloud',
    'Foxtrot Net',
    'Bravo Systems',
    'Golf Cloud',
  ];
  const partners: Partner[] = names.map((name, index) => ({
    // ids deliberately not in name order
    id: `ptn-${String((index * 7) % 11).padStart(2, '0')}`,
    name,
    country: 'IT',
    region: index % 2 ? Region.EMEA : Region.AMER,
    category: PartnerCategory.REGIONAL_CLOUD,
    website: null,
  }));
  const byNameThenId = [...partners].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const NAME_ID: SortKey[] = [
    { expression: 'partner.name', direction: 'ASC' },
    { expression: 'partner.id', direction: 'ASC' },
  ];
  const cursorOf = (partner: Partner): CursorValue[] => [partner.name, partner.id];
  const query = () => dataSource().getRepository(Partner).createQueryBuilder('partner');

  /** Follows endCursor until the last page; returns the pages. */
  async function walk(sort: SortKey[], first: number, filter?: (q: ReturnType<typeof query>) => void): Promise<Array<Connection<Partner>>> {
    const pages: Array<Connection<Partner>> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const q = query();
      filter?.(q);
      const connection: Connection<Partner> = await paginate(q, pageRequest({ first, after }), sort, cursorOf);
      pages.push(connection);
      if (!connection.pageInfo.hasNextPage) return pages;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  it('visits every row exactly once in (name, id) order with first: 3 and after', async () => {
    const pages = await walk(NAME_ID, 3);
    expect(pages).toHaveLength(Math.ceil(partners.length / 3));
    expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 3, 2]);
    const visited = pages.flatMap((p) => p.edges.map((e) => e.node.id));
    expect(visited).toEqual(byNameThenId.map((p) => p.id));
    expect(new Set(visited).size).toBe(partners.length);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true, true]);
    for (const p of pages) expect(await p.totalCount).toBe(partners.length);
  });

  it('also pages correctly when the page boundary falls inside a run of equal names', async () => {
    // first: 2 splits the three "Alpha Cloud" rows across pages
    const visited = (await walk(NAME_ID, 2)).flatMap((p) => p.edges.map((e) => e.node.id));
    expect(visited).toEqual(byNameThenId.map((p) => p.id));
  });

  it('pages in descending name order (ties by ascending id) and with a filter', async () => {
    const sort: SortKey[] = [
      { expression: 'partner.name', direction: 'DESC' },
      { expression: 'partner.id', direction: 'ASC' },
    ];
    const expected = [...partners].sort((a, b) => (a.name > b.name ? -1 : a.name < b.name ? 1 : a.id < b.id ? -1 : 1));
    expect((await walk(sort, 3)).flatMap((p) => p.edges.map((e) => e.node.id))).toEqual(expected.map((p) => p.id));

    const emea = (q: ReturnType<typeof query>) => q.andWhere('partner.region = :region', { region: Region.EMEA });
    const pages = await walk(NAME_ID, 3, emea);
    const expectedEmea = byNameThenId.filter((p) => p.region === Region.EMEA);
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.id))).toEqual(expectedEmea.map((p) => p.id));
    expect(await pages[0]?.totalCount).toBe(expectedEmea.length);
  });

  it('sends one statement per page; the count only when totalCount is awaited', async () => {
    const { result: connection, statements } = await captureStatements({ partners: dataSource() }, () =>
      paginate(query(), pageRequest({ first: 3 }), NAME_ID, cursorOf),
    );
    expect(statements.filter((s) => s.subgraph === 'partners')).toHaveLength(1);
    const { result: total, statements: countStatements } = await captureStatements(
      { partners: dataSource() },
      async () => await connection.totalCount,
    );
    expect(total).toBe(partners.length);
    expect(countStatements.filter((s) => s.subgraph === 'partners')).toHaveLength(1);
    expect(countStatements[0]?.sql).toMatch(/COUNT/i);
  });

  it('refuses a cursor of another sort order', async () => {
    const idOnlyCursor = encodeCursor(['ptn-03']);
    await expect(paginate(query(), pageRequest({ first: 3, after: idOnlyCursor }), NAME_ID, cursorOf)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  });
});
