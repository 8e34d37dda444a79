import type { Identity } from '../common/identity';
import { RESPONSE_CACHE_HEADER } from '../gateway/response-cache';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };
const ANALYST: Identity = { subject: 'analyst', role: 'ANALYST', partnerId: null };
const TTL_SECONDS = 3;

describe(`the gateway's response cache (${storeLabel()})`, () => {
  let cached: TestStack;
  const ask = async <TData = unknown>(stack: TestStack, identity: Identity, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authorization(identity)) },
      body: JSON.stringify({ query, variables }),
    });
    return { cache: response.headers.get(RESPONSE_CACHE_HEADER), body: (await response.json()) as { data?: TData; errors?: unknown[] } };
  };
  const partnerQuery = (id: string) => `query PartnerName { partner(id: "${id}") { id name } }`;

  beforeAll(async () => {
    cached = await startTestStack('demo', { RESPONSE_CACHE_SECONDS: String(TTL_SECONDS) });
  });
  afterAll(async () => {
    await cached?.stop();
  });

  it('answers the same caller again from memory, never another caller, and no older than its own writes', async () => {
    const partner = cached.dataset.partners[5]!;
    const first = await ask(cached, VENDOR, partnerQuery(partner.id));
    expect(first.cache).toBe('miss');
    const again = await ask(cached, VENDOR, partnerQuery(partner.id));
    expect(again).toEqual({ cache: 'hit', body: first.body });
    expect((await ask(cached, ANALYST, partnerQuery(partner.id))).cache).toBe('miss');

    const renamed = await ask<{ updatePartner: { errors: unknown[] } }>(
      cached,
      VENDOR,
      'mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { errors { code } } }',
      { input: { id: partner.id, name: `${partner.name} Renamed` } },
    );
    expect(renamed.body.data?.updatePartner.errors).toEqual([]);
    const afterWrite = await ask(cached, VENDOR, partnerQuery(partner.id));
    expect(afterWrite).toMatchObject({ cache: 'miss', body: { data: { partner: { name: `${partner.name} Renamed` } } } });
    expect((await ask<{ partner: { name: string } }>(cached, ANALYST, partnerQuery(partner.id))).body.data?.partner.name).toBe(
      `${partner.name} Renamed`,
    );
  });

  it('sees a change made elsewhere (another instance, the database) once the entry expires', async () => {
    const partner = cached.dataset.partners[6]!;
    expect((await ask(cached, VENDOR, partnerQuery(partner.id))).cache).toBe('miss');
    await cached.dataSources.partners.query('UPDATE partners SET name = ? WHERE id = ?', [`${partner.name} Elsewhere`, partner.id]);
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 100));
    expect(await ask(cached, VENDOR, partnerQuery(partner.id))).toMatchObject({
      cache: 'miss',
      body: { data: { partner: { name: `${partner.name} Elsewhere` } } },
    });
  });

  it('keeps no answer with errors and caches no mutation', async () => {
    const primary: Identity = { subject: 'primary', role: 'PRIMARY', partnerId: cached.dataset.partners[0]!.id };
    const refused = await ask(cached, primary, '{ channelOverview { partnerCount } }');
    expect(refused.body.errors).toBeDefined();
    expect((await ask(cached, primary, '{ channelOverview { partnerCount } }')).cache).toBe('miss');
    const mutation = 'mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { errors { code } } }';
    const input = { input: { id: 'ptn-missing-0000', name: 'Nobody' } };
    expect((await ask(cached, VENDOR, mutation, input)).cache).toBeNull();
  });
});

describe(`without RESPONSE_CACHE_SECONDS (${storeLabel()})`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('demo');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers every request afresh', async () => {
    const headers = { 'content-type': 'application/json', ...(await stack.authorization(VENDOR)) };
    for (let i = 0; i < 2; i++) {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: '{ partners(first: 1) { totalCount } }' }),
      });
      expect(response.headers.get(RESPONSE_CACHE_HEADER)).toBeNull();
      expect(response.status).toBe(200);
    }
  });
});
