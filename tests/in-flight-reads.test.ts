import type { Identity } from '../common/identity';
import { graphql, type Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { ChannelOverviewDocument } from '../client/generated/graphql';

/** Identical reads in flight at once share subgraph fetches, but only between requests of the same caller. */
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
