import type { Identity } from '../common/identity';
import type { Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { WhoResellsWhatToWhomDocument } from '../client/generated/graphql';

const ALLOCATE = `mutation ($input: AllocateCoresInput!) {
  allocateCores(input: $input) { allocation { id cores status secondary { id } licence { id availableCores } } errors { code message field } }
}`;
const RELEASE = `mutation ($input: ReleaseAllocationInput!) {
  releaseAllocation(input: $input) { allocation { id status endsOn licence { availableCores } } errors { code message field } }
}`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

describe(`allocating and releasing cores (${storeLabel()})`, () => {
  let stack: TestStack;
  let agreement: { id: string; primaryId: string; secondaryId: string };
  let licence: { id: string; cores: number };
  const allocationRows = () => stack.rowCount('licences', 'licence_allocations');
  const auditRows = () => stack.rowCount('licences', 'audit_events');
  const available = async () =>
    (await stack.as(VENDOR, `{ licence(id: "${licence.id}") { availableCores } }`, {})).data.licence.availableCores as number;

  beforeAll(async () => {
    stack = await startTestStack();
    const active = stack.dataset.agreements.find((a) => a.status === 'ACTIVE')!;
    agreement = { id: active.id, primaryId: active.primaryId, secondaryId: active.secondaryId };
    licence = stack.dataset.licences.find((l) => l.holderId === active.primaryId && l.status === 'ACTIVE')!;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('allocates, shows the change in the headline operation and the licence, and records who did it', async () => {
    const before = await available();
    const response = await stack.as(VENDOR, ALLOCATE, {
      input: { agreementId: agreement.id, licenceId: licence.id, cores: 7, startsOn: '2026-07-01' },
    });
    expect(response.errors).toBeUndefined();
    const { allocation, errors } = response.data.allocateCores;
    expect(errors).toEqual([]);
    expect(allocation).toMatchObject({
      cores: 7,
      status: 'ACTIVE',
      secondary: { id: agreement.secondaryId },
      licence: { id: licence.id, availableCores: before - 7 },
    });

    const headline = await stack.as(VENDOR, WhoResellsWhatToWhomDocument, { first: 100 });
    const node = headline.data!.whiteLabelAgreements.edges.map((e) => e.node).find((n) => n.id === agreement.id);
    expect(node?.allocations.map((a) => a.id)).toContain(allocation.id);

    const trail = await stack.as(
      VENDOR,
      `{ licencesAuditTrail(filter: { entityId: "${allocation.id}" }) { totalCount edges { node { action entityType actorSubject actorRole before after } } } }`,
      {},
    );
    expect(trail.data.licencesAuditTrail.totalCount).toBe(1);
    const event = trail.data.licencesAuditTrail.edges[0].node;
    expect(event).toMatchObject({
      action: 'allocateCores',
      entityType: 'LicenceAllocation',
      actorSubject: 'channel-team',
      actorRole: 'VENDOR',
      before: null,
    });
    expect(JSON.parse(event.after)).toMatchObject({ id: allocation.id, cores: 7, licenceId: licence.id });
  });

  it('refuses each broken rule with its code and field, and writes nothing', async () => {
    const terminated = stack.dataset.agreements.find((a) => a.status === 'TERMINATED')!;
    const othersLicence = stack.dataset.licences.find((l) => l.holderId !== agreement.primaryId && l.status === 'ACTIVE')!;
    const expired = stack.dataset.licences.find((l) => l.holderId === agreement.primaryId && l.status !== 'ACTIVE');
    const base = { agreementId: agreement.id, licenceId: licence.id, cores: 5, startsOn: '2026-07-01' };
    const cases: Array<[Record<string, unknown>, string, string, string]> = [
      [{ cores: 0 }, 'BAD_USER_INPUT', 'cores', 'at least 1'],
      [{ cores: 10_000_000 }, 'RULE_VIOLATION', 'cores', 'available'],
      [{ agreementId: 'wla-missing' }, 'NOT_FOUND', 'agreementId', 'wla-missing'],
      [{ agreementId: terminated.id }, 'RULE_VIOLATION', 'agreementId', 'TERMINATED'],
      [{ licenceId: 'lic-missing' }, 'NOT_FOUND', 'licenceId', 'lic-missing'],
      [{ licenceId: othersLicence.id }, 'RULE_VIOLATION', 'licenceId', "not held by the agreement's primary"],
      [{ endsOn: '2026-06-01' }, 'BAD_USER_INPUT', 'endsOn', 'after startsOn'],
      ...(expired
        ? [[{ licenceId: expired.id }, 'RULE_VIOLATION', 'licenceId', expired.status] as [Record<string, unknown>, string, string, string]]
        : []),
    ];
    const [allocationsBefore, auditBefore] = [await allocationRows(), await auditRows()];
    for (const [change, code, field, mentions] of cases) {
      const response = await stack.as(VENDOR, ALLOCATE, { input: { ...base, ...change } });
      expect(response.errors).toBeUndefined();
      const { allocation, errors } = response.data.allocateCores;
      expect({ change, allocation, code: errors[0]?.code, field: errors[0]?.field }).toEqual({
        change,
        allocation: null,
        code,
        field: ['input', field],
      });
      expect(errors[0].message).toContain(mentions);
    }
    expect(await allocationRows()).toBe(allocationsBefore);
    expect(await auditRows()).toBe(auditBefore);
  });

  it('only the channel team and the agreement’s primary may allocate', async () => {
    const otherPrimary = stack.dataset.agreements.find((a) => a.status === 'ACTIVE' && a.primaryId !== agreement.primaryId)!.primaryId;
    const input = { agreementId: agreement.id, licenceId: licence.id, cores: 1, startsOn: '2026-07-01' };
    const rowsBefore = await allocationRows();
    for (const identity of [
      { subject: 'analyst', role: 'ANALYST', partnerId: null },
      { subject: 'secondary', role: 'SECONDARY', partnerId: agreement.secondaryId },
    ] as Identity[]) {
      const response = await stack.as(identity, ALLOCATE, { input });
      expect({ role: identity.role, code: response.errors?.[0]?.extensions?.code }).toEqual({ role: identity.role, code: 'FORBIDDEN' });
    }
    // Another primary is not party to the agreement: for it the agreement does not exist.
    const stranger = await stack.as({ subject: 'other-primary', role: 'PRIMARY', partnerId: otherPrimary }, ALLOCATE, { input });
    expect(stranger.data.allocateCores.errors).toEqual([
      { code: 'NOT_FOUND', message: `White-label agreement "${agreement.id}" was not found.`, field: ['input', 'agreementId'] },
    ]);
    expect(await allocationRows()).toBe(rowsBefore);
    const own = await stack.as({ subject: 'the-primary', role: 'PRIMARY', partnerId: agreement.primaryId }, ALLOCATE, { input });
    expect(own.data.allocateCores.errors).toEqual([]);
    expect(await allocationRows()).toBe(rowsBefore + 1);
  });

  it('an idempotency key makes a retried allocation return the first result instead of allocating twice', async () => {
    const input = { agreementId: agreement.id, licenceId: licence.id, cores: 3, startsOn: '2026-07-01', idempotencyKey: 'tool-retry-42' };
    const rowsBefore = await allocationRows();
    const first = await stack.as(VENDOR, ALLOCATE, { input });
    const again = await stack.as(VENDOR, ALLOCATE, { input });
    expect(again.data.allocateCores.allocation.id).toBe(first.data.allocateCores.allocation.id);
    expect(await allocationRows()).toBe(rowsBefore + 1);
    const otherCaller = await stack.as({ subject: 'someone-else', role: 'VENDOR', partnerId: null }, ALLOCATE, { input });
    expect(otherCaller.data.allocateCores.allocation.id).not.toBe(first.data.allocateCores.allocation.id);
  });

  it('releasing gives the cores back to the licence, once', async () => {
    const made = await stack.as(VENDOR, ALLOCATE, {
      input: { agreementId: agreement.id, licenceId: licence.id, cores: 11, startsOn: '2026-07-01' },
    });
    const id = made.data.allocateCores.allocation.id;
    const before = await available();
    const released = await stack.as(VENDOR, RELEASE, { input: { allocationId: id, endsOn: '2026-09-30' } });
    expect(released.data.releaseAllocation).toEqual({
      allocation: { id, status: 'RELEASED', endsOn: '2026-09-30', licence: { availableCores: before + 11 } },
      errors: [],
    });
    const twice = await stack.as(VENDOR, RELEASE, { input: { allocationId: id } });
    expect(twice.data.releaseAllocation.errors[0]).toMatchObject({ code: 'RULE_VIOLATION', field: ['input', 'allocationId'] });
    const missing = await stack.as(VENDOR, RELEASE, { input: { allocationId: 'alc-missing' } });
    expect(missing.data.releaseAllocation.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
    const trail = await stack.as<{ licencesAuditTrail: { edges: Edges<{ action: string; before: string | null }> } }>(
      VENDOR,
      `{ licencesAuditTrail(filter: { entityId: "${id}" }) { edges { node { action before after } } } }`,
      {},
    );
    const actions = trail.data?.licencesAuditTrail.edges.map((e) => e.node.action);
    expect(actions).toEqual(['releaseAllocation', 'allocateCores']);
    expect(JSON.parse(trail.data?.licencesAuditTrail.edges[0]?.node.before ?? 'null')?.status).toBe('ACTIVE');
  });

  it('the audit trail is for the channel team and analysts only', async () => {
    const response = await stack.as(
      { subject: 'p', role: 'PRIMARY', partnerId: agreement.primaryId },
      '{ licencesAuditTrail { totalCount } }',
      {},
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
