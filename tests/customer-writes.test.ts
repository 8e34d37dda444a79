import type { Identity } from '../common/identity';
import type { Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const CREATE = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id name country industry sovereignCloudRequired } errors { code message field } } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

describe(`adding end customers (${storeLabel()})`, () => {
  let stack: TestStack;
  const customerRows = () => stack.rowCount('customers', 'end_customers');

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a customer once per idempotency key, readable at once and audited', async () => {
    const input = {
      name: ' Banca Alpina ',
      country: 'ch',
      industry: 'FINANCIAL_SERVICES',
      sovereignCloudRequired: true,
      idempotencyKey: 'alpina',
    };
    const before = await customerRows();
    const created = (await stack.as(VENDOR, CREATE, { input })).data.createCustomer;
    expect(created.errors).toEqual([]);
    expect(created.customer).toMatchObject({
      name: 'Banca Alpina',
      country: 'CH',
      industry: 'FINANCIAL_SERVICES',
      sovereignCloudRequired: true,
    });
    expect((await stack.as(VENDOR, CREATE, { input })).data.createCustomer.customer.id).toBe(created.customer.id);
    expect(await customerRows()).toBe(before + 1);
    const read = await stack.as(VENDOR, `{ customer(id: "${created.customer.id}") { name contracts { id } } }`, {});
    expect(read.data.customer).toEqual({ name: 'Banca Alpina', contracts: [] });
    const trail = await stack.as<{ customersAuditTrail: { edges: Edges<{ action: string; actorSubject: string }> } }>(
      VENDOR,
      `{ customersAuditTrail(filter: { entityId: "${created.customer.id}" }) { edges { node { action actorSubject } } } }`,
      {},
    );
    expect(trail.data?.customersAuditTrail.edges.map((e) => e.node)).toEqual([{ action: 'createCustomer', actorSubject: 'channel-team' }]);
  });

  it('refuses bad customer data with its field and lets only the channel team add customers, writing nothing', async () => {
    const base = { name: 'Ospedale Nord', country: 'IT', industry: 'HEALTHCARE', sovereignCloudRequired: false };
    const before = await customerRows();
    for (const [input, field] of [
      [{ ...base, name: '' }, 'name'],
      [{ ...base, country: 'Italy' }, 'country'],
    ] as const) {
      const payload = (await stack.as(VENDOR, CREATE, { input })).data.createCustomer;
      expect({ customer: payload.customer, code: payload.errors[0]?.code, field: payload.errors[0]?.field }).toEqual({
        customer: null,
        code: 'BAD_USER_INPUT',
        field: ['input', field],
      });
    }
    const partnerId = stack.dataset.partners[0]!.id;
    for (const identity of [
      { subject: 'a', role: 'ANALYST', partnerId: null },
      { subject: 'p', role: 'PRIMARY', partnerId },
    ] as Identity[]) {
      expect((await stack.as(identity, CREATE, { input: base })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await customerRows()).toBe(before);
  });
});
