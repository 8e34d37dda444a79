import type { Identity } from '../common/identity';
import { channelFacts } from './kit/channel-facts';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const CREATE_LICENCE = `mutation ($input: CreateLicenceInput!) { createLicence(input: $input) { licence { id cores status holder { id licensedCores } } errors { code message field } } }`;
const RECORD = `mutation ($input: RecordMigrationInput!) { recordCustomerMigration(input: $input) { migration { id status reason from { id } to { id } alternativeVendor } errors { code message field } } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

describe(`recording licences and customer migrations (${storeLabel()})`, () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a new licence raises the holder’s licensed cores, which the threshold rule then sees', async () => {
    const facts = channelFacts(stack.dataset);
    const excluded = facts.partnersWith('EXCLUDED')[0]!;
    const grant = {
      input: {
        holderId: excluded.id,
        product: 'VMWARE_CLOUD_FOUNDATION',
        cores: 4000,
        startsOn: '2026-07-01',
        endsOn: '2029-06-30',
        idempotencyKey: 'grant-1',
      },
    };
    const created = await stack.as(VENDOR, CREATE_LICENCE, grant);
    expect(created.data.createLicence).toMatchObject({
      licence: { cores: 4000, status: 'ACTIVE', holder: { id: excluded.id, licensedCores: facts.licensedCores(excluded.id) + 4000 } },
      errors: [],
    });
    // The same request again (its idempotency key too) answers the licence it created.
    const retried = await stack.as(VENDOR, CREATE_LICENCE, grant);
    expect(retried.data.createLicence.licence.id).toBe(created.data.createLicence.licence.id);
    const threshold = await stack.as(VENDOR, `{ partner(id: "${excluded.id}") { meetsAdvantageThreshold } }`, {});
    expect(threshold.data.partner.meetsAdvantageThreshold).toBe(true);

    const before = await stack.rowCount('licences', 'licences');
    for (const [input, code, field] of [
      [{ holderId: 'ptn-unknown' }, 'NOT_FOUND', 'holderId'],
      [{ cores: 0 }, 'BAD_USER_INPUT', 'cores'],
      [{ endsOn: '2026-01-01' }, 'BAD_USER_INPUT', 'endsOn'],
    ] as Array<[Record<string, unknown>, string, string]>) {
      const response = await stack.as(VENDOR, CREATE_LICENCE, {
        input: { holderId: excluded.id, product: 'VSPHERE_FOUNDATION', cores: 10, startsOn: '2026-07-01', endsOn: '2027-06-30', ...input },
      });
      expect({ input, code: response.data.createLicence.errors[0]?.code, field: response.data.createLicence.errors[0]?.field }).toEqual({
        input,
        code,
        field: ['input', field],
      });
    }
    const analyst = await stack.as({ subject: 'a', role: 'ANALYST', partnerId: null }, CREATE_LICENCE, {
      input: { holderId: excluded.id, product: 'VSPHERE_FOUNDATION', cores: 10, startsOn: '2026-07-01', endsOn: '2027-06-30' },
    });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stack.rowCount('licences', 'licences')).toBe(before);
  });

  it('a migration goes to a PRIMARY or SECONDARY provider or out of the channel, from a provider the customer has', async () => {
    const facts = channelFacts(stack.dataset);
    const contract = facts.activeContracts.find((c) => facts.channelStatus(c.providerId) === 'EXCLUDED')!;
    const primary = facts.partnersWith('PRIMARY')[0]!.id;
    const leaving = { subject: 'excluded-provider', role: 'SECONDARY', partnerId: contract.providerId } as Identity;
    const recorded = await stack.as(leaving, RECORD, {
      input: {
        customerId: contract.customerId,
        fromProviderId: contract.providerId,
        toProviderId: primary,
        reason: 'PROVIDER_EXCLUDED',
        decidedOn: '2026-07-01',
      },
    });
    expect(recorded.data.recordCustomerMigration).toMatchObject({
      migration: { status: 'PLANNED', from: { id: contract.providerId }, to: { id: primary }, alternativeVendor: null },
      errors: [],
    });
    const out = await stack.as(VENDOR, RECORD, {
      input: {
        customerId: contract.customerId,
        fromProviderId: contract.providerId,
        alternativeVendor: 'Proxmox VE',
        reason: 'COST',
        status: 'COMPLETED',
        decidedOn: '2026-07-02',
      },
    });
    expect(out.data.recordCustomerMigration.migration).toMatchObject({ status: 'COMPLETED', to: null, alternativeVendor: 'Proxmox VE' });

    const before = await stack.rowCount('customers', 'customer_migrations');
    const stranger = stack.dataset.partners.find(
      (p) =>
        p.id !== primary &&
        !stack.dataset.contracts.some((c) => c.customerId === contract.customerId && c.providerId === p.id) &&
        facts.channelStatus(p.id) === 'PRIMARY',
    )!.id;
    const otherExcluded = facts.partnersWith('EXCLUDED').find((p) => p.id !== contract.providerId)!.id;
    for (const [input, code, field] of [
      [{ toProviderId: otherExcluded }, 'RULE_VIOLATION', 'toProviderId'],
      [{ toProviderId: primary, alternativeVendor: 'Proxmox VE' }, 'BAD_USER_INPUT', 'toProviderId'],
      [{ fromProviderId: stranger, toProviderId: primary }, 'RULE_VIOLATION', 'fromProviderId'],
      [{ customerId: 'cus-unknown', toProviderId: primary }, 'NOT_FOUND', 'customerId'],
    ] as Array<[Record<string, unknown>, string, string]>) {
      const response = await stack.as(VENDOR, RECORD, {
        input: { customerId: contract.customerId, fromProviderId: contract.providerId, reason: 'COST', decidedOn: '2026-07-01', ...input },
      });
      expect({
        input,
        code: response.data.recordCustomerMigration.errors[0]?.code,
        field: response.data.recordCustomerMigration.errors[0]?.field,
      }).toEqual({ input, code, field: ['input', field] });
    }
    const notTheirs = await stack.as({ subject: 'p', role: 'PRIMARY', partnerId: primary }, RECORD, {
      input: {
        customerId: contract.customerId,
        fromProviderId: contract.providerId,
        alternativeVendor: 'X',
        reason: 'COST',
        decidedOn: '2026-07-01',
      },
    });
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stack.rowCount('customers', 'customer_migrations')).toBe(before);
  });
});
