import { captureStatements } from '../subgraphs/kit/statements';
import { WhoResellsWhatToWhomDocument, type WhoResellsWhatToWhomQuery } from '../client/generated/graphql';
import { graphql, graphqlData } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const HEADLINE = WhoResellsWhatToWhomDocument;

describe(`headline operation WhoResellsWhatToWhom through the gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers from all four subgraphs with data that matches the store', async () => {
    const { dataset } = stack;
    const data = await graphqlData(stack.gatewayUrl, HEADLINE, { first: 50 });
    const connection = data.whiteLabelAgreements;
    const activeAgreements = dataset.agreements.filter((a) => a.status === 'ACTIVE');
    expect(connection.totalCount).toBe(activeAgreements.length);
    expect(connection.edges.length).toBeGreaterThanOrEqual(10);

    const partner = new Map(dataset.partners.map((p) => [p.id, p]));
    const customer = new Map(dataset.customers.map((c) => [c.id, c]));
    const licensedCores = (id: string) =>
      dataset.licences.filter((l) => l.holderId === id && l.status === 'ACTIVE').reduce((sum, l) => sum + l.cores, 0);

    for (const { node } of connection.edges) {
      const expected = activeAgreements.find((a) => a.id === node.id)!;
      expect(node.primary).toEqual({
        id: expected.primaryId,
        name: partner.get(expected.primaryId)!.name,
        country: partner.get(expected.primaryId)!.country,
        licensedCores: licensedCores(expected.primaryId),
        meetsAdvantageThreshold: true,
        channelStatus: 'PRIMARY',
      });
      expect(node.secondary).toMatchObject({
        id: expected.secondaryId,
        name: partner.get(expected.secondaryId)!.name,
        channelStatus: 'SECONDARY',
      });

      const allocations = dataset.allocations.filter((a) => a.agreementId === node.id);
      expect(node.allocations.map((a) => a.id).sort()).toEqual(allocations.map((a) => a.id).sort());
      expect(node.allocations.length).toBeGreaterThan(0);
      for (const allocation of node.allocations) {
        expect(allocation.licence.holder).toEqual({ id: expected.primaryId, name: partner.get(expected.primaryId)!.name });
        const contracts = dataset.contracts.filter((c) => c.allocationId === allocation.id);
        expect(allocation.contracts.map((c) => c.id).sort()).toEqual(contracts.map((c) => c.id).sort());
        for (const contract of allocation.contracts) {
          expect(contract.customer.name).toBe(customer.get(contract.customer.id)!.name);
        }
      }
    }
    const withContracts = connection.edges.filter((e) => e.node.allocations.some((a) => a.contracts.length > 0));
    expect(withContracts.length).toBeGreaterThanOrEqual(10);
  });

  it('pages with after/endCursor without gaps or repeats', async () => {
    const first = await graphqlData(stack.gatewayUrl, HEADLINE, { first: 7 });
    const second = await graphqlData(stack.gatewayUrl, HEADLINE, { first: 7, after: first.whiteLabelAgreements.pageInfo.endCursor });
    const all = await graphqlData(stack.gatewayUrl, HEADLINE, { first: 14 });
    const ids = (page: WhoResellsWhatToWhomQuery) => page.whiteLabelAgreements.edges.map((e) => e.node.id);
    expect([...ids(first), ...ids(second)]).toEqual(ids(all));
    expect(first.whiteLabelAgreements.pageInfo.hasNextPage).toBe(true);
  });

  it('sends the same number of SQL statements at first: 5 and first: 50 (no N+1)', async () => {
    const count = async (first: number) => {
      const { result, statements } = await captureStatements(stack.dataSources, () => graphqlData(stack.gatewayUrl, HEADLINE, { first }));
      expect(result.whiteLabelAgreements.edges).toHaveLength(first);
      return statements;
    };
    const small = await count(5);
    const large = await count(50);
    expect(large.length).toBe(small.length);
    const perSubgraph = (statements: typeof small) =>
      statements.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.subgraph]: (counts[s.subgraph] ?? 0) + 1 }), {});
    expect(perSubgraph(large)).toEqual(perSubgraph(small));
    expect(Object.keys(perSubgraph(large)).sort()).toEqual(['customers', 'licences', 'partners', 'programs']);
    // The allocations' contracts come with their customers: one statement, not a second with every customer id.
    expect(perSubgraph(large).customers).toBe(1);
  });

  it('refuses page sizes outside 1..100 with BAD_USER_INPUT naming the limit', async () => {
    for (const first of [0, 101]) {
      const response = await graphql(stack.gatewayUrl, HEADLINE, { first });
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toContain('between 1 and 100');
      expect(response.errors?.[0]?.message).toContain(`got ${first}`);
    }
  });
});
