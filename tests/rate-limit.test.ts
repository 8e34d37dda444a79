import { graphql, operation } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const HEADLINE = operation('WhoResellsWhatToWhom');

describe(`rate limits by cost per caller (${storeLabel()})`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    // A small bucket that barely refills, so a burst of requests empties it.
    stack = await startTestStack('demo', { MAX_QUERY_COST: '5000', RATE_LIMIT_BURST: '6000', RATE_LIMIT_PER_SECOND: '1' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports cost and budget, answers 429 RATE_LIMITED when the bucket is empty, and keeps callers apart', async () => {
    const alice = await stack.authorization({ subject: 'alice', role: 'ANALYST', partnerId: null });
    const bob = await stack.authorization({ subject: 'bob', role: 'ANALYST', partnerId: null });
    const raw = async (headers: Record<string, string>) =>
      fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: HEADLINE, variables: { first: 10 } }),
      });

    const first = await raw(alice);
    const body = (await first.json()) as { data?: unknown; extensions: { rateLimit: { cost: number; remaining: number; limit: number } } };
    const { cost, remaining, limit } = body.extensions.rateLimit;
    expect(body.data).toBeDefined();
    expect(limit).toBe(6_000);
    expect(cost).toBeGreaterThan(1);
    expect(remaining).toBeGreaterThanOrEqual(limit - cost);
    expect(remaining).toBeLessThan(limit - cost + 50);
    expect(first.headers.get('ratelimit-remaining')).toBe(String(remaining));

    let answered = 1;
    let refused: Response | null = null;
    while (!refused && answered < 1_000) {
      const response = await raw(alice);
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        answered += 1;
      }
    }
    expect(answered).toBeGreaterThanOrEqual(Math.floor(limit / cost));
    expect(answered).toBeLessThanOrEqual(Math.floor(limit / cost) + 1);
    const refusal = (await refused!.json()) as {
      errors: Array<{ message: string; extensions: { code: string; retryAfterSeconds: number } }>;
    };
    expect(refusal.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(refusal.errors[0]?.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(refusal.errors[0]?.message).toContain(`costs ${cost}`);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);

    const other = await graphql(stack.gatewayUrl, HEADLINE, { first: 10 }, bob);
    expect(other.status).toBe(200);
    expect(other.errors).toBeUndefined();
    expect((await fetch(stack.gatewayUrl.replace('/graphql', '/health'))).status).toBe(200);
  });
});
