import fs from 'node:fs';
import { schemaPath } from '../common/paths';
import { SupergraphPolicy } from '../gateway/supergraph-policy';
import type { Identity } from '../common/identity';
import type { GraphQLResponse } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { snapshotStore, storeChanges } from './kit/store-snapshot';

const supergraphPolicy = new SupergraphPolicy(fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'));

const PAYLOAD = 'errors { code message field }';
const M = {
  allocateCores: `mutation ($input: AllocateCoresInput!) { allocateCores(input: $input) { allocation { id cores secondary { id } } ${PAYLOAD} } }`,
  releaseAllocation: `mutation ($input: ReleaseAllocationInput!) { releaseAllocation(input: $input) { allocation { id status } ${PAYLOAD} } }`,
  signWhiteLabelAgreement: `mutation ($input: SignAgreementInput!) { signWhiteLabelAgreement(input: $input) { agreement { id } ${PAYLOAD} } }`,
  terminateWhiteLabelAgreement: `mutation ($input: TerminateAgreementInput!) { terminateWhiteLabelAgreement(input: $input) { agreement { id status } ${PAYLOAD} } }`,
  createLicence: `mutation ($input: CreateLicenceInput!) { createLicence(input: $input) { licence { id } ${PAYLOAD} } }`,
  openServiceContract: `mutation ($input: OpenContractInput!) { openServiceContract(input: $input) { contract { id } ${PAYLOAD} } }`,
  endServiceContract: `mutation ($input: EndContractInput!) { endServiceContract(input: $input) { contract { id status } ${PAYLOAD} } }`,
  transferServiceContract: `mutation ($input: TransferContractInput!) { transferServiceContract(input: $input) { contract { id } ${PAYLOAD} } }`,
  recordCustomerMigration: `mutation ($input: RecordMigrationInput!) { recordCustomerMigration(input: $input) { migration { id from { id } } ${PAYLOAD} } }`,
  createCustomer: `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } ${PAYLOAD} } }`,
  createPartner: `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } ${PAYLOAD} } }`,
  updatePartner: `mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { partner { id } ${PAYLOAD} } }`,
  inviteToProgram: `mutation ($input: InviteToProgramInput!) { inviteToProgram(input: $input) { membership { id } ${PAYLOAD} } }`,
  admitToProgram: `mutation ($input: MembershipDecisionInput!) { admitToProgram(input: $input) { membership { id } ${PAYLOAD} } }`,
  refuseMembership: `mutation ($input: MembershipDecisionInput!) { refuseMembership(input: $input) { membership { id } ${PAYLOAD} } }`,
  terminateMembership: `mutation ($input: MembershipDecisionInput!) { terminateMembership(input: $input) { membership { id } ${PAYLOAD} } }`,
};
type MutationName = keyof typeof M;

const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

/** What a refused mutation answered: the payload's UserErrors, or the GraphQL errors' codes when it was refused before any rule. */
function refusalOf(response: GraphQLResponse, name: MutationName): { codes: string[]; messages: string[] } {
  const payload = (response.data as Record<string, { errors: Array<{ code: string; message: string }> } | null> | undefined)?.[name];
  if (payload && payload.errors.length > 0)
    return { codes: payload.errors.map((e) => e.code), messages: payload.errors.map((e) => e.message) };
  return {
    codes: (response.errors ?? []).map((e) => String(e.extensions?.code)),
    messages: (response.errors ?? []).map((e) => e.message),
  };
}

describe(`tenant walls on writes: idempotency keys per caller, errors that reveal nothing, refusals that write nothing (${storeLabel()})`, () => {
  let stack: TestStack;
  // Two primaries with active agreements, and their secondaries; tokens signed like `npm run token` (one subject per role).
  let p1: Identity;
  let p2: Identity;
  let s1: Identity;
  let s2: Identity;
  let a1: { id: string; secondaryId: string };
  let licence1: { id: string };
  const as = (identity: Identity, name: MutationName, input: Record<string, unknown>) => stack.as(identity, M[name], { input });

  beforeAll(async () => {
    stack = await startTestStack();
    const { agreements, allocations, contracts, licences } = stack.dataset;
    const active = agreements.filter(
      (a) =>
        a.status === 'ACTIVE' &&
        allocations.some((x) => x.agreementId === a.id && x.status === 'ACTIVE' && contracts.some((c) => c.allocationId === x.id)),
    );
    const first = active[0]!;
    const second = active.find((a) => a.primaryId !== first.primaryId && a.secondaryId !== first.secondaryId)!;
    p1 = { subject: 'local-primary', role: 'PRIMARY', partnerId: first.primaryId };
    p2 = { subject: 'local-primary', role: 'PRIMARY', partnerId: second.primaryId };
    s1 = { subject: 'local-secondary', role: 'SECONDARY', partnerId: first.secondaryId };
    s2 = { subject: 'local-secondary', role: 'SECONDARY', partnerId: second.secondaryId };
    a1 = { id: first.id, secondaryId: first.secondaryId };
    licence1 = licences.find((l) => l.holderId === first.primaryId && l.status === 'ACTIVE')!;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('idempotency keys belong to their caller and are bound to the request', () => {
    const allocation = () => ({ agreementId: a1.id, licenceId: licence1.id, cores: 2, startsOn: '2026-07-01', idempotencyKey: 'k' });

    it("another partner's key is a new key: no borrowed result, its own checks run", async () => {
      const first = await as(p1, 'allocateCores', allocation());
      expect(first.data.allocateCores.errors).toEqual([]);
      const firstId: string = first.data.allocateCores.allocation.id;

      const before = await snapshotStore(stack.dataSources);
      const borrowed = await as(p2, 'allocateCores', {
        agreementId: 'wla-nonexistent',
        licenceId: 'lic-nonexistent',
        cores: 2,
        startsOn: '2026-07-01',
        idempotencyKey: 'k',
      });
      expect(borrowed.data.allocateCores).toEqual({
        allocation: null,
        errors: [{ code: 'NOT_FOUND', message: 'White-label agreement "wla-nonexistent" was not found.', field: ['input', 'agreementId'] }],
      });
      expect(JSON.stringify(borrowed)).not.toContain(firstId);
      expect(storeChanges(before, await snapshotStore(stack.dataSources))).toEqual({});

      // The same caller, same input: the first result, nothing written again.
      const retried = await as(p1, 'allocateCores', allocation());
      expect(retried.data.allocateCores.allocation.id).toBe(firstId);
      expect(storeChanges(before, await snapshotStore(stack.dataSources))).toEqual({});
    });

    it('the same key with another input, or for another mutation, is IDEMPOTENCY_KEY_REUSED and says nothing of the first use', async () => {
      const before = await snapshotStore(stack.dataSources);
      const otherInput = await as(p1, 'allocateCores', { ...allocation(), cores: 3 });
      const otherMutation = await as(p1, 'signWhiteLabelAgreement', {
        primaryId: p1.partnerId,
        secondaryId: s2.partnerId,
        signedOn: '2026-07-01',
        idempotencyKey: 'k',
      });
      for (const [response, name] of [
        [otherInput, 'allocateCores'],
        [otherMutation, 'signWhiteLabelAgreement'],
      ] as const) {
        const payload = response.data[name];
        expect(payload.errors).toEqual([
          {
            code: 'IDEMPOTENCY_KEY_REUSED',
            message:
              'Idempotency key "k" was already used for another request; a retry must repeat the same mutation with the same input. Use a new key for a new request.',
            field: ['input', 'idempotencyKey'],
          },
        ]);
      }
      expect(storeChanges(before, await snapshotStore(stack.dataSources))).toEqual({});
    });

    it("a secondary replaying another secondary's migration key gets its own answer, not that migration", async () => {
      const { contracts } = stack.dataset;
      const servedBy = (partnerId: string) => contracts.find((c) => c.providerId === partnerId)!.customerId;
      const input = (identity: Identity) => ({
        customerId: servedBy(identity.partnerId!),
        fromProviderId: identity.partnerId,
        alternativeVendor: 'Another platform',
        reason: 'COST',
        decidedOn: '2026-07-02',
        idempotencyKey: 'move-1',
      });
      const first = await as(s1, 'recordCustomerMigration', input(s1));
      expect(first.data.recordCustomerMigration.errors).toEqual([]);
      const firstId: string = first.data.recordCustomerMigration.migration.id;

      // Borrowing the key with the first one's customer, which it cannot see: the NOT_FOUND any unknown customer gets.
      const borrowed = await as(s2, 'recordCustomerMigration', { ...input(s1), fromProviderId: s2.partnerId });
      expect(refusalOf(borrowed, 'recordCustomerMigration')).toEqual({
        codes: ['NOT_FOUND'],
        messages: [`Customer "${input(s1).customerId}" was not found.`],
      });
      expect(JSON.stringify(borrowed)).not.toContain(firstId);

      // The refused attempt kept nothing, so the key is still new for this secondary's own request.
      const second = await as(s2, 'recordCustomerMigration', input(s2));
      expect(second.data.recordCustomerMigration.errors).toEqual([]);
      expect(second.data.recordCustomerMigration.migration.id).not.toBe(firstId);
      expect(second.data.recordCustomerMigration.migration.from.id).toBe(s2.partnerId);
    });

    it('a key is kept IDEMPOTENCY_KEY_HOURS: once older, the same key writes anew', async () => {
      const input = {
        name: 'Kept Key Customer',
        country: 'IT',
        industry: 'RETAIL',
        sovereignCloudRequired: false,
        idempotencyKey: 'kept-key',
      };
      const first = await as(VENDOR, 'createCustomer', input);
      const again = await as(VENDOR, 'createCustomer', input);
      expect(again.data.createCustomer.customer.id).toBe(first.data.createCustomer.customer.id);
      // Age the stored key past the default 24 hours.
      const dayAndAHourAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
      await stack.dataSources.customers.query('UPDATE idempotency_keys SET created_at = ? WHERE idempotency_key = ?', [
        dayAndAHourAgo,
        'kept-key',
      ]);
      const afterExpiry = await as(VENDOR, 'createCustomer', input);
      expect(afterExpiry.data.createCustomer.errors).toEqual([]);
      expect(afterExpiry.data.createCustomer.customer.id).not.toBe(first.data.createCustomer.customer.id);
      const kept: Array<{ n: number | string }> = await stack.dataSources.customers.query(
        'SELECT COUNT(*) AS n FROM idempotency_keys WHERE idempotency_key = ?',
        ['kept-key'],
      );
      expect(Number(kept[0]!.n)).toBe(1);
    });

    it('a key longer than its documented maximum is BAD_USER_INPUT naming the field', async () => {
      const response = await as(VENDOR, 'createCustomer', {
        name: 'Long Key',
        country: 'IT',
        industry: 'RETAIL',
        sovereignCloudRequired: false,
        idempotencyKey: 'x'.repeat(101),
      });
      expect(response.data.createCustomer.errors).toEqual([
        {
          code: 'BAD_USER_INPUT',
          message: 'idempotencyKey has 101 characters; it may have at most 100: send a shorter value.',
          field: ['input', 'idempotencyKey'],
        },
      ]);
    });
  });

  describe('a write on a record outside the caller’s scope answers exactly as on one that does not exist', () => {
    /** The response with the id replaced: out-of-scope and missing must then be equal. */
    // The budget left (extensions.rateLimit.remaining) refills between the two requests; it says nothing of the record.
    const shape = (response: GraphQLResponse, id: string) =>
      JSON.stringify(response, (key, value: unknown) => (key === 'remaining' ? undefined : value)).replaceAll(id, '<id>');

    it('for every write that names an existing record, as each partner role', async () => {
      const { agreements, allocations, contracts, customers, licences } = stack.dataset;
      const partyTo = (identity: Identity) => (a: { primaryId: string; secondaryId: string }) =>
        a.primaryId === identity.partnerId || a.secondaryId === identity.partnerId;
      const foreignAgreement = (identity: Identity) => agreements.find((a) => !partyTo(identity)(a) && a.status === 'TERMINATED')!;
      const foreignAllocation = (identity: Identity) =>
        allocations.find((x) => !partyTo(identity)(agreements.find((a) => a.id === x.agreementId)!) && x.status === 'RELEASED')!;
      const visibleCustomers = new Set(contracts.filter((c) => c.providerId === s1.partnerId).map((c) => c.customerId));
      const cases: Array<{ who: Identity; name: MutationName; field: string; foreign: string; input: Record<string, unknown> }> = [];
      for (const who of [p1, s1]) {
        const foreignContract = contracts.find((c) => c.providerId !== who.partnerId && c.status === 'ENDED' && !c.allocationId)!;
        cases.push(
          { who, name: 'endServiceContract', field: 'contractId', foreign: foreignContract.id, input: {} },
          { who, name: 'terminateWhiteLabelAgreement', field: 'agreementId', foreign: foreignAgreement(who).id, input: {} },
          { who, name: 'releaseAllocation', field: 'allocationId', foreign: foreignAllocation(who).id, input: {} },
          {
            who,
            name: 'allocateCores',
            field: 'agreementId',
            foreign: foreignAgreement(who).id,
            input: { licenceId: licence1.id, cores: 1, startsOn: '2026-07-01' },
          },
        );
      }
      cases.push(
        {
          who: p1,
          name: 'allocateCores',
          field: 'licenceId',
          foreign:
            licences.find((l) => l.holderId !== p1.partnerId && l.status !== 'ACTIVE')?.id ??
            licences.find((l) => l.holderId !== p1.partnerId)!.id,
          input: { agreementId: a1.id, cores: 1, startsOn: '2026-07-01' },
        },
        {
          who: s1,
          name: 'recordCustomerMigration',
          field: 'customerId',
          foreign: customers.find((c) => !visibleCustomers.has(c.id))!.id,
          input: { fromProviderId: s1.partnerId, alternativeVendor: 'Elsewhere', reason: 'COST', decidedOn: '2026-07-01' },
        },
        {
          who: s1,
          name: 'openServiceContract',
          field: 'customerId',
          foreign: customers.find((c) => !visibleCustomers.has(c.id))!.id,
          input: {
            providerId: s1.partnerId,
            allocationId: allocations.find((x) => x.agreementId === a1.id && x.status === 'ACTIVE')!.id,
            coresInUse: 1,
            startsOn: '2026-07-01',
          },
        },
        {
          who: s1,
          name: 'openServiceContract',
          field: 'allocationId',
          foreign: foreignAllocation(s1).id,
          input: { customerId: customers[0]!.id, providerId: s1.partnerId, coresInUse: 1, startsOn: '2026-07-01' },
        },
        {
          who: p1,
          name: 'openServiceContract',
          field: 'licenceId',
          foreign: licences.find((l) => l.holderId !== p1.partnerId)!.id,
          input: { customerId: customers[0]!.id, providerId: p1.partnerId, coresInUse: 1, startsOn: '2026-07-01' },
        },
      );
      const before = await snapshotStore(stack.dataSources);
      for (const { who, name, field, foreign, input } of cases) {
        const missing = `${foreign.slice(0, 4)}missing-${field}`;
        const outOfScope = await as(who, name, { ...input, [field]: foreign });
        const absent = await as(who, name, { ...input, [field]: missing });
        const label = `${name}.${field} as ${who.role}`;
        expect({ label, answer: shape(outOfScope, foreign) }).toEqual({ label, answer: shape(absent, missing) });
        // A mutation the supergraph's @requiresScopes keeps from the role is refused at the gateway, whatever the record.
        const roleAllowed = supergraphPolicy.field('Mutation', name)?.scopes?.some((scopes) => scopes.includes(who.role)) ?? true;
        expect({ label, codes: refusalOf(outOfScope, name).codes }).toEqual({ label, codes: [roleAllowed ? 'NOT_FOUND' : 'FORBIDDEN'] });
        // Nothing of anyone else: no partner id but the caller's own, no state.
        const text = JSON.stringify(outOfScope);
        const partnerIds = text.match(/ptn-[0-9a-z]+/g) ?? [];
        expect({ label, partnerIds: partnerIds.filter((id) => id !== who.partnerId) }).toEqual({ label, partnerIds: [] });
        expect({ label, states: /TERMINATED|RELEASED|ENDED|EXPIRED/.test(text) }).toEqual({ label, states: false });
      }
      expect(storeChanges(before, await snapshotStore(stack.dataSources))).toEqual({});
    });

    it('a record the caller sees but may not change is FORBIDDEN naming the rule, no one else', async () => {
      const response = await as(s1, 'terminateWhiteLabelAgreement', { agreementId: a1.id });
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      // The supergraph's @requiresScopes keeps the role out at the gateway (the subgraph's own rule says the same when asked directly).
      expect(response.errors?.[0]?.message).toBe(
        "Mutation.terminateWhiteLabelAgreement is not for the SECONDARY role: the supergraph's @requiresScopes/@authenticated policy leaves it out.",
      );
    });
  });

  describe('a refused write leaves no row in any table of any subgraph', () => {
    it('every mutation, refused for each reason it has, by each kind of caller', async () => {
      const { agreements, allocations, contracts, memberships, partners } = stack.dataset;
      const allocation = allocations.find((x) => x.agreementId === a1.id && x.status === 'ACTIVE')!;
      const activeContract = contracts.find((c) => c.providerId === s1.partnerId && c.status === 'ACTIVE')!;
      const endedContract = contracts.find((c) => c.providerId === s1.partnerId && c.status === 'ENDED');
      const terminated = agreements.find((a) => a.status === 'TERMINATED')!;
      const released = allocations.find((x) => x.status === 'RELEASED')!;
      const notInvited = memberships.find((m) => m.status === 'NOT_INVITED' || m.status === 'TERMINATED')!;
      const open = (extra: Record<string, unknown>) => ({
        customerId: activeContract.customerId,
        providerId: s1.partnerId,
        allocationId: allocation.id,
        coresInUse: 1,
        startsOn: '2026-07-01',
        ...extra,
      });
      const cases: Array<[Identity, MutationName, Record<string, unknown>, string]> = [
        // The lock row of the allocation must not outlive a refused contract (finding 6).
        [s1, 'openServiceContract', open({ customerId: 'cus-unknown' }), 'NOT_FOUND'],
        [s1, 'openServiceContract', open({ coresInUse: allocation.cores + 1 }), 'RULE_VIOLATION'],
        [s1, 'openServiceContract', open({ licenceId: licence1.id }), 'BAD_USER_INPUT'],
        [s1, 'openServiceContract', open({ providerId: s2.partnerId }), 'FORBIDDEN'],
        [s2, 'openServiceContract', open({ providerId: s2.partnerId }), 'NOT_FOUND'],
        [s1, 'endServiceContract', { contractId: activeContract.id, endsOn: '1999-01-01' }, 'BAD_USER_INPUT'],
        ...(endedContract
          ? [
              [s1, 'endServiceContract', { contractId: endedContract.id }, 'RULE_VIOLATION'] as [
                Identity,
                MutationName,
                Record<string, unknown>,
                string,
              ],
            ]
          : []),
        [s2, 'endServiceContract', { contractId: activeContract.id }, 'NOT_FOUND'],
        [
          p1,
          'transferServiceContract',
          { contractId: activeContract.id, toProviderId: p1.partnerId, licenceId: licence1.id, on: '2026-07-01' },
          'FORBIDDEN',
        ],
        [
          VENDOR,
          'transferServiceContract',
          { contractId: activeContract.id, toProviderId: activeContract.providerId, allocationId: allocation.id, on: '2026-07-01' },
          'BAD_USER_INPUT',
        ],
        [p1, 'allocateCores', { agreementId: a1.id, licenceId: licence1.id, cores: 10_000_000, startsOn: '2026-07-01' }, 'RULE_VIOLATION'],
        [p1, 'allocateCores', { agreementId: a1.id, licenceId: licence1.id, cores: 0, startsOn: '2026-07-01' }, 'BAD_USER_INPUT'],
        [s1, 'allocateCores', { agreementId: a1.id, licenceId: licence1.id, cores: 1, startsOn: '2026-07-01' }, 'FORBIDDEN'],
        [
          VENDOR,
          'allocateCores',
          { agreementId: terminated.id, licenceId: licence1.id, cores: 1, startsOn: '2026-07-01' },
          'RULE_VIOLATION',
        ],
        [p2, 'releaseAllocation', { allocationId: allocation.id }, 'NOT_FOUND'],
        [VENDOR, 'releaseAllocation', { allocationId: released.id }, 'RULE_VIOLATION'],
        [p1, 'releaseAllocation', { allocationId: allocation.id, endsOn: '1999-01-01' }, 'BAD_USER_INPUT'],
        [p1, 'signWhiteLabelAgreement', { primaryId: p1.partnerId, secondaryId: a1.secondaryId, signedOn: '2026-07-01' }, 'CONFLICT'],
        [p1, 'signWhiteLabelAgreement', { primaryId: p1.partnerId, secondaryId: 'ptn-unknown', signedOn: '2026-07-01' }, 'NOT_FOUND'],
        [p1, 'signWhiteLabelAgreement', { primaryId: p2.partnerId, secondaryId: s1.partnerId, signedOn: '2026-07-01' }, 'FORBIDDEN'],
        [VENDOR, 'terminateWhiteLabelAgreement', { agreementId: terminated.id }, 'RULE_VIOLATION'],
        [p2, 'terminateWhiteLabelAgreement', { agreementId: a1.id }, 'NOT_FOUND'],
        [
          p1,
          'createLicence',
          { holderId: p1.partnerId, product: 'VSPHERE_STANDARD', cores: 1, startsOn: '2026-07-01', endsOn: '2027-07-01' },
          'FORBIDDEN',
        ],
        [
          VENDOR,
          'createLicence',
          { holderId: 'ptn-unknown', product: 'VSPHERE_STANDARD', cores: 1, startsOn: '2026-07-01', endsOn: '2027-07-01' },
          'NOT_FOUND',
        ],
        [
          s1,
          'recordCustomerMigration',
          {
            customerId: activeContract.customerId,
            fromProviderId: s1.partnerId,
            toProviderId: s1.partnerId,
            reason: 'COST',
            decidedOn: '2026-07-01',
          },
          'BAD_USER_INPUT',
        ],
        [
          s1,
          'recordCustomerMigration',
          {
            customerId: activeContract.customerId,
            fromProviderId: s2.partnerId,
            alternativeVendor: 'X',
            reason: 'COST',
            decidedOn: '2026-07-01',
          },
          'FORBIDDEN',
        ],
        [s1, 'createCustomer', { name: 'Nope', country: 'IT', industry: 'RETAIL', sovereignCloudRequired: false }, 'FORBIDDEN'],
        [VENDOR, 'createCustomer', { name: 'Nope', country: 'ITA', industry: 'RETAIL', sovereignCloudRequired: false }, 'BAD_USER_INPUT'],
        [VENDOR, 'createPartner', { name: partners[0]!.name, country: 'IT', region: 'EMEA', category: 'REGIONAL_CLOUD' }, 'CONFLICT'],
        [p1, 'updatePartner', { id: p1.partnerId, name: 'Renamed' }, 'FORBIDDEN'],
        [VENDOR, 'updatePartner', { id: 'ptn-unknown', name: 'Renamed' }, 'NOT_FOUND'],
        [VENDOR, 'inviteToProgram', { programCode: 'ADVANTAGE', partnerId: 'ptn-unknown', invitedOn: '2026-07-01' }, 'NOT_FOUND'],
        [p1, 'inviteToProgram', { programCode: 'ADVANTAGE', partnerId: p1.partnerId, invitedOn: '2026-07-01' }, 'FORBIDDEN'],
        [VENDOR, 'admitToProgram', { membershipId: notInvited.id }, 'RULE_VIOLATION'],
        [VENDOR, 'refuseMembership', { membershipId: 'mbr-unknown' }, 'NOT_FOUND'],
        [VENDOR, 'terminateMembership', { membershipId: notInvited.id }, 'RULE_VIOLATION'],
      ];
      for (const [who, name, input, code] of cases) {
        const before = await snapshotStore(stack.dataSources);
        const response = await as(who, name, input);
        const label = `${name} as ${who.role} ${JSON.stringify(input)}`;
        expect({ label, codes: refusalOf(response, name).codes }).toEqual({ label, codes: [code] });
        expect({ label, changes: storeChanges(before, await snapshotStore(stack.dataSources)) }).toEqual({ label, changes: {} });
      }
    });
  });
});
