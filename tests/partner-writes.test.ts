import type { Identity } from '../common/identity';
import type { Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const CREATE = `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id name country region category website channelStatus } errors { code message field } } }`;
const UPDATE = `mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { partner { id name country website } errors { code message field } } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

describe(`changing the partner directory (${storeLabel()})`, () => {
  let stack: TestStack;
  const partnerRows = () => stack.rowCount('partners', 'partners');

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a partner once per idempotency key, findable at once, audited', async () => {
    const input = {
      name: 'Zephyr Sovereign Cloud',
      country: 'it',
      region: 'EMEA',
      category: 'SOVEREIGN_CLOUD',
      website: 'https://www.zephyr.example',
      idempotencyKey: 'create-zephyr',
    };
    const before = await partnerRows();
    const created = await stack.as(VENDOR, CREATE, { input });
    const partner = created.data.createPartner.partner;
    expect(partner).toMatchObject({ name: 'Zephyr Sovereign Cloud', country: 'IT', channelStatus: 'NOT_ENROLLED' });
    const retried = await stack.as(VENDOR, CREATE, { input });
    expect(retried.data.createPartner.partner.id).toBe(partner.id);
    expect(await partnerRows()).toBe(before + 1);
    const found = await stack.as<{ partners: { edges: Edges<{ id: string }> } }>(
      VENDOR,
      '{ partners(filter: { nameContains: "zephyr" }) { totalCount edges { node { id } } } }',
      {},
    );
    expect(found.data?.partners.edges.map((e) => e.node.id)).toEqual([partner.id]);
    const trail = await stack.as<{ partnersAuditTrail: { edges: Edges<{ action: string }> } }>(
      VENDOR,
      `{ partnersAuditTrail(filter: { entityId: "${partner.id}" }) { totalCount edges { node { action } } } }`,
      {},
    );
    expect(trail.data?.partnersAuditTrail.edges.map((e) => e.node.action)).toEqual(['createPartner']);

    const updated = await stack.as(VENDOR, UPDATE, { input: { id: partner.id, country: 'de', website: null } });
    expect(updated.data.updatePartner).toEqual({
      partner: { id: partner.id, name: 'Zephyr Sovereign Cloud', country: 'DE', website: null },
      errors: [],
    });
  });

  it('refuses bad directory data with its code and field, writing nothing; only the channel team may change it', async () => {
    const existing = stack.dataset.partners[0]!;
    const base = { name: 'Brand New Cloud', country: 'FR', region: 'EMEA', category: 'REGIONAL_CLOUD' };
    const before = await partnerRows();
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [CREATE, { ...base, name: existing.name.toUpperCase() }, 'CONFLICT', 'name'],
      [CREATE, { ...base, name: '   ' }, 'BAD_USER_INPUT', 'name'],
      [CREATE, { ...base, country: 'France' }, 'BAD_USER_INPUT', 'country'],
      [CREATE, { ...base, website: 'not a url' }, 'BAD_USER_INPUT', 'website'],
      [UPDATE, { id: 'ptn-unknown', name: 'X' }, 'NOT_FOUND', 'id'],
      [UPDATE, { id: existing.id, name: stack.dataset.partners[1]!.name }, 'CONFLICT', 'name'],
    ];
    for (const [mutation, input, code, field] of cases) {
      const payload = Object.values((await stack.as(VENDOR, mutation, { input })).data)[0] as {
        partner: unknown;
        errors: Array<{ code: string; field: string[] }>;
      };
      expect({ input, partner: payload.partner, code: payload.errors[0]?.code, field: payload.errors[0]?.field }).toEqual({
        input,
        partner: null,
        code,
        field: ['input', field],
      });
    }
    for (const identity of [
      { subject: 'a', role: 'ANALYST', partnerId: null },
      { subject: 'p', role: 'PRIMARY', partnerId: existing.id },
    ] as Identity[]) {
      const response = await stack.as(identity, UPDATE, { input: { id: existing.id, name: 'Renamed' } });
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await partnerRows()).toBe(before);
    const unchanged = await stack.as(VENDOR, `{ partner(id: "${existing.id}") { name } }`, {});
    expect(unchanged.data.partner.name).toBe(existing.name);
  });
});
