import type { Identity } from '../common/identity';
import { graphql, type Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { ChannelOverviewDocument } from '../client/generated/graphql';

/** Identical reads in flight at once share subgraph fetches, but only between callers who see the same data (same role and partner). */
describe(`identical reads in flight (${storeLabel()})`, () => {
  let stack: TestStack;
  const fetchesSoFar = async () => {
    const text = await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('gateway_subgraph_fetch_duration_seconds_count'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  };

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('ten callers-worth of the same overview at once cost fewer subgraph fetches than ten overviews, with the same answer', async () => {
    const headers = await stack.authorization({ subject: 'analyst', role: 'ANALYST', partnerId: null });
    const before = await fetchesSoFar();
    const alone = await graphql(stack.gatewayUrl, ChannelOverviewDocument, {}, headers);
    const perRequest = (await fetchesSoFar()) - before;
    const together = await Promise.all(Array.from({ length: 10 }, () => graphql(stack.gatewayUrl, ChannelOverviewDocument, {}, headers)));
    const spent = (await fetchesSoFar()) - before - perRequest;
    expect(together.every((response) => JSON.stringify(response.data) === JSON.stringify(alone.data))).toBe(true);
    expect(spent).toBeLessThan(10 * perRequest);
  });

  it('different analysts asking the same overview at once share fetches (they see the same channel), with the same answer', async () => {
    const analysts = await Promise.all(
      Array.from({ length: 10 }, (_, index) => stack.authorization({ subject: `analyst-${index}`, role: 'ANALYST', partnerId: null })),
    );
    const before = await fetchesSoFar();
    const alone = await graphql(stack.gatewayUrl, ChannelOverviewDocument, {}, analysts[0]);
    const perRequest = (await fetchesSoFar()) - before;
    const together = await Promise.all(analysts.map((headers) => graphql(stack.gatewayUrl, ChannelOverviewDocument, {}, headers)));
    const spent = (await fetchesSoFar()) - before - perRequest;
    expect(together.every((response) => JSON.stringify(response.data) === JSON.stringify(alone.data))).toBe(true);
    expect(spent).toBeLessThan(10 * perRequest);
  });

  it("a partner never receives another partner's answer, nor a caller another's viewer, however many ask at once", async () => {
    const active = stack.dataset.agreements.filter((a) => a.status === 'ACTIVE');
    const primaries = [...new Set(active.map((a) => a.primaryId))].slice(0, 3);
    const secondaries = [...new Set(active.map((a) => a.secondaryId))].slice(0, 3);
    // Two users of each partner (they may share), partners of both roles, and analysts.
    const callers: Identity[] = [
      ...primaries.flatMap((partnerId) => [0, 1].map((n) => ({ subject: `p-${partnerId}-${n}`, role: 'PRIMARY' as const, partnerId }))),
      ...secondaries.flatMap((partnerId) => [0, 1].map((n) => ({ subject: `s-${partnerId}-${n}`, role: 'SECONDARY' as const, partnerId }))),
      { subject: 'analyst-a', role: 'ANALYST', partnerId: null },
      { subject: 'analyst-b', role: 'ANALYST', partnerId: null },
    ];
    const headers = await Promise.all(callers.map((caller) => stack.authorization(caller)));
    const query = `{ viewer { subject role partner { id } }
      whiteLabelAgreements(first: 100) { totalCount edges { node { id primary { id name } secondary { id }
        allocations { id cores licence { id holder { id } } } } } }
      customers(first: 50) { totalCount edges { node { id name } } } }`;
    const alone = [];
    for (const h of headers) alone.push(JSON.stringify((await graphql(stack.gatewayUrl, query, {}, h)).data));
    // What each partner sees differs (else the test proves nothing).
    expect(new Set(alone.slice(0, 12).map((answer) => JSON.stringify(JSON.parse(answer).whiteLabelAgreements))).size).toBeGreaterThan(1);
    const rounds = 4;
    const together = await Promise.all(
      Array.from({ length: rounds * callers.length }, (_, i) =>
        graphql(stack.gatewayUrl, query, {}, headers[i % callers.length]).then((response) => ({ i: i % callers.length, response })),
      ),
    );
    for (const { i, response } of together) {
      expect(response.errors).toBeUndefined();
      expect(JSON.stringify(response.data)).toBe(alone[i]);
      expect(response.data.viewer.subject).toBe(callers[i]!.subject);
    }
  });

  it('partners asking the same question at once each get only their own part', async () => {
    const primaries = [...new Set(stack.dataset.agreements.filter((a) => a.status === 'ACTIVE').map((a) => a.primaryId))].slice(0, 2);
    const query = '{ whiteLabelAgreements(first: 100) { edges { node { id primary { id } } } } }';
    const callers: Identity[] = primaries.map((partnerId, index) => ({ subject: `primary-${index}`, role: 'PRIMARY', partnerId }));
    const headers = await Promise.all(callers.map((caller) => stack.authorization(caller)));
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        graphql<{ whiteLabelAgreements: { edges: Edges<{ primary: { id: string } }> } }>(stack.gatewayUrl, query, {}, headers[i % 2]).then(
          (response) => ({ partnerId: callers[i % 2]!.partnerId, response }),
        ),
      ),
    );
    for (const { partnerId, response } of answers) {
      const owners = response.data?.whiteLabelAgreements.edges.map((edge) => edge.node.primary.id) ?? [];
      expect(owners.length).toBeGreaterThan(0);
      expect(new Set(owners)).toEqual(new Set([partnerId]));
    }
  });
});
