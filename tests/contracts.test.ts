import type { Identity } from '../common/identity';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const OPEN = `mutation ($input: OpenContractInput!) { openServiceContract(input: $input) { contract { id status coresInUse provider { id } allocation { id } licence { id } } errors { code message field } } }`;
const TRANSFER = `mutation ($input: TransferContractInput!) { transferServiceContract(input: $input) { contract { id status coresInUse provider { id } licence { id } customer { id contracts { id status endsOn } } } errors { code message field } } }`;
const END = `mutation ($input: EndContractInput!) { endServiceContract(input: $input) { contract { id status endsOn } errors { code message field } } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

describe(`opening and ending service contracts (${storeLabel()})`, () => {
  let stack: TestStack;
  let secondary: Identity;
  let primary: Identity;
  let allocation: { id: string; cores: number; licenceId: string };
  let free: number;
  const contractRows = () => stack.rowCount('customers', 'service_contracts');

  beforeAll(async () => {
    stack = await startTestStack();
    const { allocations, contracts, agreements } = stack.dataset;
    const chosen = allocations.find((a) => a.status === 'ACTIVE' && contracts.some((c) => c.allocationId === a.id))!;
    allocation = { id: chosen.id, cores: chosen.cores, licenceId: chosen.licenceId };
    free =
      chosen.cores - contracts.filter((c) => c.allocationId === chosen.id && c.status === 'ACTIVE').reduce((s, c) => s + c.coresInUse, 0);
    secondary = { subject: 'secondary-tool', role: 'SECONDARY', partnerId: chosen.secondaryId };
    primary = { subject: 'primary-tool', role: 'PRIMARY', partnerId: agreements.find((a) => a.id === chosen.agreementId)!.primaryId };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a secondary serves a customer on its allocation, within its free cores; the change shows on the allocation', async () => {
    const customerId = stack.dataset.customers[0]!.id;
    const opened = await stack.as(secondary, OPEN, {
      input: { customerId, providerId: secondary.partnerId, allocationId: allocation.id, coresInUse: 1, startsOn: '2026-07-01' },
    });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openServiceContract).toMatchObject({
      contract: {
        status: 'ACTIVE',
        coresInUse: 1,
        provider: { id: secondary.partnerId },
        allocation: { id: allocation.id },
        licence: null,
      },
      errors: [],
    });
    const id = opened.data.openServiceContract.contract.id;
    const onAllocation = await stack.as<{ licence: { allocations: Array<{ id: string; contracts: Array<{ id: string }> }> } }>(
      VENDOR,
      `{ licence(id: "${allocation.licenceId}") { allocations { id contracts { id } } } }`,
      {},
    );
    const contracts = onAllocation.data?.licence.allocations.find((a) => a.id === allocation.id)?.contracts.map((c) => c.id);
    expect(contracts).toContain(id);
    const trail = await stack.as(
      VENDOR,
      `{ customersAuditTrail(filter: { entityId: "${id}" }) { edges { node { action actorSubject actorRole } } } }`,
      {},
    );
    expect(trail.data.customersAuditTrail.edges[0].node).toEqual({
      action: 'openServiceContract',
      actorSubject: 'secondary-tool',
      actorRole: 'SECONDARY',
    });

    const tooMany = await stack.as(secondary, OPEN, {
      input: { customerId, providerId: secondary.partnerId, allocationId: allocation.id, coresInUse: free, startsOn: '2026-07-01' },
    });
    expect(tooMany.data.openServiceContract.errors[0]).toMatchObject({ code: 'RULE_VIOLATION', field: ['input', 'coresInUse'] });
    expect(tooMany.data.openServiceContract.errors[0].message).toContain(`${free - 1} of ${allocation.cores} free`);
  });

  it('a primary serves on its own licence; the rules refuse everything else and write nothing', async () => {
    const customerId = stack.dataset.customers[1]!.id;
    const ownLicence = stack.dataset.licences.find((l) => l.holderId === primary.partnerId && l.status === 'ACTIVE')!;
    const opened = await stack.as(primary, OPEN, {
      input: { customerId, providerId: primary.partnerId, licenceId: ownLicence.id, coresInUse: 2, startsOn: '2026-07-01' },
    });
    expect(opened.data.openServiceContract.errors).toEqual([]);

    const othersLicence = stack.dataset.licences.find((l) => l.holderId !== primary.partnerId && l.status === 'ACTIVE')!;
    const othersAllocation = stack.dataset.allocations.find((a) => a.status === 'ACTIVE' && a.secondaryId !== secondary.partnerId)!;
    const base = { customerId, providerId: secondary.partnerId, coresInUse: 1, startsOn: '2026-07-01' };
    const cases: Array<[Identity, Record<string, unknown>, string, string]> = [
      [secondary, { allocationId: allocation.id, licenceId: ownLicence.id }, 'BAD_USER_INPUT', 'licenceId'],
      [secondary, {}, 'BAD_USER_INPUT', 'licenceId'],
      [secondary, { allocationId: allocation.id, coresInUse: 0 }, 'BAD_USER_INPUT', 'coresInUse'],
      [secondary, { allocationId: allocation.id, customerId: 'cus-unknown' }, 'NOT_FOUND', 'customerId'],
      [secondary, { allocationId: othersAllocation.id }, 'NOT_FOUND', 'allocationId'],
      [VENDOR, { allocationId: othersAllocation.id }, 'RULE_VIOLATION', 'allocationId'],
      [VENDOR, { providerId: primary.partnerId, licenceId: othersLicence.id }, 'RULE_VIOLATION', 'licenceId'],
      [secondary, { allocationId: allocation.id, endsOn: '2026-01-01' }, 'BAD_USER_INPUT', 'endsOn'],
    ];
    const before = await contractRows();
    for (const [identity, change, code, field] of cases) {
      const response = await stack.as(identity, OPEN, { input: { ...base, ...change } });
      const payload = response.data.openServiceContract;
      expect({ change, contract: payload.contract, code: payload.errors[0]?.code, field: payload.errors[0]?.field }).toEqual({
        change,
        contract: null,
        code,
        field: ['input', field],
      });
    }
    expect(await contractRows()).toBe(before);
  });

  it('only the channel team and the provider itself may open or end its contracts', async () => {
    const input = {
      customerId: stack.dataset.customers[2]!.id,
      providerId: secondary.partnerId,
      allocationId: allocation.id,
      coresInUse: 1,
      startsOn: '2026-07-01',
    };
    for (const identity of [
      { subject: 'analyst', role: 'ANALYST', partnerId: null },
      { subject: 'the-primary', role: 'PRIMARY', partnerId: primary.partnerId },
    ] as Identity[]) {
      const response = await stack.as(identity, OPEN, { input });
      expect({ role: identity.role, code: response.errors?.[0]?.extensions?.code }).toEqual({ role: identity.role, code: 'FORBIDDEN' });
    }
    const existing = stack.dataset.contracts.find((c) => c.status === 'ACTIVE' && c.providerId === secondary.partnerId)!;
    const forbidden = await stack.as(primary, END, { input: { contractId: existing.id } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ended = await stack.as(secondary, END, { input: { contractId: existing.id, endsOn: '2026-09-30' } });
    expect(ended.data.endServiceContract).toEqual({ contract: { id: existing.id, status: 'ENDED', endsOn: '2026-09-30' }, errors: [] });
    const again = await stack.as(secondary, END, { input: { contractId: existing.id } });
    expect(again.data.endServiceContract.errors[0].code).toBe('RULE_VIOLATION');
  });

  it('the channel team moves a customer of an excluded partner to a primary in one transaction', async () => {
    const { contracts, licences } = stack.dataset;
    const excludedContract = contracts.find(
      (c) =>
        c.status === 'ACTIVE' &&
        c.licenceId &&
        c.providerId !== primary.partnerId &&
        !licences.find((l) => l.id === c.licenceId && l.holderId === primary.partnerId),
    )!;
    const target = licences.find((l) => l.holderId === primary.partnerId && l.status === 'ACTIVE')!;
    const refusedFor = await stack.as(primary, TRANSFER, {
      input: { contractId: excludedContract.id, toProviderId: primary.partnerId, licenceId: target.id, on: '2026-10-01' },
    });
    expect(refusedFor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongLicence = await stack.as(VENDOR, TRANSFER, {
      input: { contractId: excludedContract.id, toProviderId: primary.partnerId, licenceId: excludedContract.licenceId, on: '2026-10-01' },
    });
    expect(wrongLicence.data.transferServiceContract.errors[0]).toMatchObject({ code: 'RULE_VIOLATION', field: ['input', 'licenceId'] });
    const before = await contractRows();
    const moved = await stack.as(VENDOR, TRANSFER, {
      input: { contractId: excludedContract.id, toProviderId: primary.partnerId, licenceId: target.id, on: '2026-10-01' },
    });
    const contract = moved.data.transferServiceContract.contract;
    expect(contract).toMatchObject({
      status: 'ACTIVE',
      coresInUse: excludedContract.coresInUse,
      provider: { id: primary.partnerId },
      licence: { id: target.id },
    });
    expect(contract.customer.contracts).toEqual(
      expect.arrayContaining([{ id: excludedContract.id, status: 'ENDED', endsOn: '2026-10-01' }]),
    );
    expect(await contractRows()).toBe(before + 1);
    const again = await stack.as(VENDOR, TRANSFER, {
      input: { contractId: excludedContract.id, toProviderId: secondary.partnerId, allocationId: allocation.id, on: '2026-10-02' },
    });
    expect(again.data.transferServiceContract.errors[0]).toMatchObject({ code: 'RULE_VIOLATION', field: ['input', 'contractId'] });
  });
});
