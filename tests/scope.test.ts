import fs from 'node:fs';
import path from 'node:path';
import type { Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import type { Dataset } from '../demo/generator';
import { channelFacts } from './kit/channel-facts';
import { operation } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { WhoResellsWhatToWhomDocument } from '../client/generated/graphql';

/** What a caller may see, computed from the data independently of the subgraphs. */
function visibleTo(data: Dataset, identity: Identity) {
  const everything = identity.role === 'VENDOR' || identity.role === 'ANALYST';
  const own = identity.partnerId;
  const agreement = new Map(data.agreements.map((a) => [a.id, a]));
  const agreements = new Set(data.agreements.filter((a) => everything || a.primaryId === own || a.secondaryId === own).map((a) => a.id));
  const allocations = new Set(data.allocations.filter((a) => agreements.has(a.agreementId)).map((a) => a.id));
  const granted = new Set(data.allocations.filter((a) => agreement.get(a.agreementId)!.primaryId === own).map((a) => a.id));
  const contracts = data.contracts.filter(
    (c) => everything || c.providerId === own || (identity.role === 'PRIMARY' && c.allocationId !== null && granted.has(c.allocationId)),
  );
  const customers = new Set(contracts.map((c) => c.customerId));
  const allocatedTo = new Set(
    data.allocations.filter((a) => identity.role === 'SECONDARY' && a.secondaryId === own).map((a) => a.licenceId),
  );
  return {
    /** Held, or (for a secondary) the source of an allocation it received. */
    licences: new Set(data.licences.filter((l) => everything || l.holderId === own || allocatedTo.has(l.id)).map((l) => l.id)),
    held: new Set(data.licences.filter((l) => everything || l.holderId === own).map((l) => l.id)),
    agreements,
    allocations,
    contracts: new Set(contracts.map((c) => c.id)),
    activeContracts: contracts.filter((c) => c.status === 'ACTIVE'),
    customers,
    memberships: new Set(data.memberships.filter((m) => everything || m.partnerId === own).map((m) => m.id)),
    migrations: new Set(data.migrations.filter((m) => everything || m.fromProviderId === own || m.toProviderId === own).map((m) => m.id)),
  };
}

/** Every object with an id anywhere in an answer, by id prefix: a partner must see none outside its scope. */
function leaks(answer: unknown, visible: ReturnType<typeof visibleTo>): string[] {
  const kinds: Record<string, Set<string>> = {
    lic: visible.licences,
    wla: visible.agreements,
    alc: visible.allocations,
    ctr: visible.contracts,
    cus: visible.customers,
    mbr: visible.memberships,
    mig: visible.migrations,
  };
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === 'object') {
      const id = (value as { id?: unknown }).id;
      if (typeof id === 'string' && kinds[id.slice(0, 3)]?.has(id) === false) found.push(id);
      Object.values(value).forEach(walk);
    }
  };
  walk(answer);
  return found;
}

const CHANNEL_WIDE = new Set(['ChannelOverview', 'CustomersAtRisk', 'ThresholdWhatIf', 'ChannelBeforeAndAfter', 'ChannelTimeline']);

describe(`who sees what: roles and partner scope through every path (${storeLabel()})`, () => {
  let stack: TestStack;
  let data: Dataset;
  let primary: Identity;
  let secondary: Identity;
  let otherSecondary: Identity;

  beforeAll(async () => {
    stack = await startTestStack();
    data = stack.dataset;
    const active = data.agreements.filter((a) => a.status === 'ACTIVE');
    const agreementsOf = (id: string) => active.filter((a) => a.primaryId === id).length;
    const primaryId = [...new Set(active.map((a) => a.primaryId))].sort((a, b) => agreementsOf(b) - agreementsOf(a))[0]!;
    const servedOnAllocations = (id: string) =>
      data.contracts.filter((c) => c.providerId === id && c.allocationId && c.status === 'ACTIVE').length;
    const secondaryId = active
      .filter((a) => a.primaryId === primaryId)
      .map((a) => a.secondaryId)
      .sort((a, b) => servedOnAllocations(b) - servedOnAllocations(a))[0]!;
    const otherId = active.find((a) => a.primaryId !== primaryId && servedOnAllocations(a.secondaryId) > 0)!.secondaryId;
    primary = { subject: 'primary-user', role: 'PRIMARY', partnerId: primaryId };
    secondary = { subject: 'secondary-user', role: 'SECONDARY', partnerId: secondaryId };
    otherSecondary = { subject: 'other-user', role: 'SECONDARY', partnerId: otherId };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('every documented operation, for every role: full readers see all, partners only their scope or FORBIDDEN', async () => {
    const chainContract = data.contracts.find((c) => c.providerId === secondary.partnerId && c.allocationId && c.status === 'ACTIVE')!;
    const variables: Record<string, Record<string, unknown>> = {
      ResellerNetwork: { primaryId: primary.partnerId },
      CustomerLicenceChain: { customerId: chainContract.customerId },
      ChannelBeforeAndAfter: { before: '2024-01-01' },
      ThresholdWhatIf: { minLicensedCores: 2000 },
      ChannelTimeline: { from: '2024-02-01' },
    };
    const names = fs
      .readdirSync(path.join(projectRoot(), 'schema', 'operations'))
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => f.replace('.graphql', ''));
    const roles: Identity[] = [
      { subject: 'vendor', role: 'VENDOR', partnerId: null },
      { subject: 'analyst', role: 'ANALYST', partnerId: null },
      primary,
      secondary,
    ];
    for (const name of names) {
      for (const identity of roles) {
        const response = await stack.as(identity, operation(name), { first: 100, ...variables[name] });
        const label = `${name} as ${identity.role}`;
        if (identity.role === 'VENDOR' || identity.role === 'ANALYST') {
          expect({ label, errors: response.errors }).toEqual({ label, errors: undefined });
          continue;
        }
        expect({ label, leaks: leaks(response.data, visibleTo(data, identity)) }).toEqual({ label, leaks: [] });
        const forbiddenOnly = (response.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN');
        expect({ label, forbiddenOnly }).toEqual({ label, forbiddenOnly: true });
        if (CHANNEL_WIDE.has(name) || (name === 'ResellerNetwork' && identity.role === 'SECONDARY')) {
          expect({ label, refused: response.errors?.length ?? 0 }).toEqual({ label, refused: expect.any(Number) });
          expect(response.errors?.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('the headline operation answers each partner with its own agreements, allocations and contracts', async () => {
    for (const identity of [primary, secondary]) {
      const response = await stack.as(identity, WhoResellsWhatToWhomDocument, { first: 100 });
      const own = data.agreements.filter(
        (a) => a.status === 'ACTIVE' && (a.primaryId === identity.partnerId || a.secondaryId === identity.partnerId),
      );
      expect(response.data?.whiteLabelAgreements.totalCount).toBe(own.length);
      const nodes = response.data!.whiteLabelAgreements.edges.map((e) => e.node);
      expect(nodes.map((n) => n.id).sort()).toEqual(own.map((a) => a.id).sort());
      const contracts = nodes.flatMap((n) => n.allocations.flatMap((a) => a.contracts.map((c) => c.id)));
      const expected = data.contracts.filter(
        (c) => c.allocationId && own.some((a) => data.allocations.find((x) => x.id === c.allocationId)!.agreementId === a.id),
      );
      expect(contracts.sort()).toEqual(expected.map((c) => c.id).sort());
      expect(contracts.length).toBeGreaterThan(0);
    }
  });

  it('a primary sees its licences, its agreements, and the contracts and customers served with its cores', async () => {
    const scope = visibleTo(data, primary);
    const response = await stack.as(
      primary,
      `{ licences(first: 100) { totalCount } whiteLabelAgreements(first: 100) { totalCount } customers(first: 100) { totalCount }
         me: partner(id: "${primary.partnerId}") { licensedCores customerCount } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.licences.totalCount).toBe(scope.held.size);
    expect(response.data.whiteLabelAgreements.totalCount).toBe(scope.agreements.size);
    expect(response.data.customers.totalCount).toBe(scope.customers.size);
    expect(response.data.me.licensedCores).toBe(channelFacts(data).licensedCores(primary.partnerId!));
    expect(response.data.me.customerCount).toBe(channelFacts(data).customersServedBy(primary.partnerId!).length);
    expect(scope.customers.size).toBeGreaterThan(channelFacts(data).customersServedBy(primary.partnerId!).length);

    // Its secondary's customers: only those served with the primary's cores are counted.
    const theirs = await stack.as(
      primary,
      `{ partner(id: "${secondary.partnerId}") { name customerCount customers(first: 100) { totalCount } } }`,
    );
    const servedWithItsCores = new Set(scope.activeContracts.filter((c) => c.providerId === secondary.partnerId).map((c) => c.customerId));
    expect(theirs.data.partner.customerCount).toBe(servedWithItsCores.size);
    expect(theirs.data.partner.customers.totalCount).toBe(servedWithItsCores.size);
  });

  it('out-of-scope single objects are null with no error, exactly as missing ones; other partners’ licence figures are refused', async () => {
    const foreignLicence = data.licences.find((l) => l.holderId !== primary.partnerId)!;
    const foreignCustomer = data.customers.find((c) => !visibleTo(data, primary).customers.has(c.id))!;
    const response = await stack.as(
      primary,
      `{ licence(id: "${foreignLicence.id}") { id cores } customer(id: "${foreignCustomer.id}") { id name } }`,
    );
    expect(response.data).toEqual({ licence: null, customer: null });
    expect(response.errors).toBeUndefined();

    const excluded = channelFacts(data).partnersWith('EXCLUDED')[0]!;
    const directory = await stack.as(secondary, `{ partner(id: "${excluded.id}") { name country channelStatus } }`);
    expect(directory.errors).toBeUndefined();
    expect(directory.data.partner).toEqual({ name: excluded.name, country: excluded.country, channelStatus: 'EXCLUDED' });
    const cores = await stack.as(secondary, `{ partner(id: "${excluded.id}") { name licensedCores meetsAdvantageThreshold } }`);
    expect(cores.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(cores.data?.partner).toEqual({ name: excluded.name, licensedCores: null, meetsAdvantageThreshold: null });
  });

  // Found by the scope fuzzer through Hive's JavaScript planner (seeds 1995473211, 765214955): the licences
  // subgraph drew a network around a reference to a partner that does not exist; the gateways then
  // disagreed on it (INTERNAL_SERVER_ERROR, null, or a stub partner with customerCount 0).
  it('a reseller network asked for a partner not in the directory is null with no error, beside other root fields, on every gateway', async () => {
    const analyst: Identity = { subject: 'analyst', role: 'ANALYST', partnerId: null };
    const response = await stack.as(
      analyst,
      `{ resellerNetwork(primaryId: "ptn-999998") { primary { country } allocatedCores }
         stub: resellerNetwork(primaryId: "ptn-999998") { primary { id customerCount } }
         whiteLabelAgreement(id: "wla-999993") { id primary { id } }
         partner(id: "${primary.partnerId}") { id } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ resellerNetwork: null, stub: null, whiteLabelAgreement: null, partner: { id: primary.partnerId } });

    // To a partner, a network not its own is refused whether or not the partner exists.
    const networkOf = (id: string | null) => stack.as(primary, `{ resellerNetwork(primaryId: "${id}") { allocatedCores } }`);
    const missing = await networkOf('ptn-999998');
    const foreign = await networkOf(otherSecondary.partnerId);
    expect(missing.errors?.map((e) => [e.extensions?.code, e.message])).toEqual(
      foreign.errors?.map((e) => [e.extensions?.code, e.message]),
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  // Found by the scope fuzzer through Hive's JavaScript planner (seed 1304386918): it left such a
  // fragment out of the subgraph request, and with it the field whose whole selection it was.
  it('an inline fragment holding only __typename is answered as written, on every gateway', async () => {
    const response = await stack.as(
      primary,
      `{ partner(id: "${primary.partnerId}") {
           ... on Partner { __typename }
           customers(first: 2) { edges { ... on EndCustomerEdge { __typename } } }
           licences { ... { __typename } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const licences = data.licences.filter((l) => l.holderId === primary.partnerId);
    expect(response.data).toEqual({
      partner: {
        __typename: 'Partner',
        customers: { edges: [{ __typename: 'EndCustomerEdge' }, { __typename: 'EndCustomerEdge' }] },
        licences: licences.map(() => ({ __typename: 'Licence' })),
      },
    });
  });

  it('a named fragment holding only __typename is answered as written, on every gateway', async () => {
    const partnerId = primary.partnerId;
    const wholeSelection = await stack.as(
      primary,
      `{ partner(id: "${partnerId}") { ...PartnerType } } fragment PartnerType on Partner { __typename }`,
    );
    const nested = await stack.as(
      primary,
      `{ partner(id: "${partnerId}") { customers(first: 2) { edges { ...EdgeType } } } }
       fragment EdgeType on EndCustomerEdge { __typename }`,
    );
    expect([wholeSelection.errors, nested.errors]).toEqual([undefined, undefined]);
    expect(wholeSelection.data).toEqual({ partner: { __typename: 'Partner' } });
    expect(nested.data).toEqual({
      partner: { customers: { edges: [{ __typename: 'EndCustomerEdge' }, { __typename: 'EndCustomerEdge' }] } },
    });
  });

  it('a secondary sees the allocations it received and the licences they come from, not its primary’s figures, nor another secondary’s customers', async () => {
    const response = await stack.as(
      secondary,
      `{ partner(id: "${secondary.partnerId}") { allocationsReceived { id cores licence { id product holder { name licensedCores } } } } }`,
    );
    const received = data.allocations.filter((a) => a.secondaryId === secondary.partnerId);
    expect(response.data.partner.allocationsReceived.map((a: { id: string }) => a.id).sort()).toEqual(received.map((a) => a.id).sort());
    for (const allocation of response.data.partner.allocationsReceived) {
      expect(allocation.licence.id).toBe(received.find((a) => a.id === allocation.id)!.licenceId);
      expect(allocation.licence.holder.licensedCores).toBeNull();
    }
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(response.errors!.every((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.at(-1) === 'licensedCores')).toBe(true);
    const othersLicence = data.licences.find((l) => l.holderId !== secondary.partnerId && !received.some((a) => a.licenceId === l.id))!;
    const refused = await stack.as(secondary, `{ licence(id: "${othersLicence.id}") { id } }`);
    expect(refused.data.licence).toBeNull();
    expect(refused.errors).toBeUndefined();

    const theirCustomer = data.contracts.find((c) => c.providerId === otherSecondary.partnerId && c.status === 'ACTIVE')!.customerId;
    const foreign = await stack.as(secondary, `{ customer(id: "${theirCustomer}") { name contracts { id } } }`);
    expect(foreign.data?.customer ?? null).toBeNull();
    expect(foreign.errors).toBeUndefined();
    const mine = await stack.as(secondary, '{ customers(first: 100) { totalCount } }');
    expect(mine.data.customers.totalCount).toBe(visibleTo(data, secondary).customers.size);
  });

  it('_entities called with a partner identity resolves only in-scope objects', async () => {
    const own = data.licences.find((l) => l.holderId === primary.partnerId)!;
    const foreign = data.licences.find((l) => l.holderId !== primary.partnerId)!;
    const stranger = data.customers.find((c) => !visibleTo(data, primary).customers.has(c.id))!;
    const cases = [
      {
        subgraph: 'licences',
        selection: '... on Licence { id cores }',
        representations: [
          { __typename: 'Licence', id: own.id },
          { __typename: 'Licence', id: foreign.id },
        ],
        expected: [{ id: own.id, cores: own.cores }, null],
      },
      {
        subgraph: 'customers',
        selection: '... on EndCustomer { id name } ... on Partner { id customerCount }',
        representations: [
          { __typename: 'EndCustomer', id: stranger.id },
          { __typename: 'Partner', id: otherSecondary.partnerId },
        ],
        expected: [null, { id: otherSecondary.partnerId, customerCount: 0 }],
      },
    ] as const;
    for (const { subgraph, selection, representations, expected } of cases) {
      const answer = await stack.askEntities(subgraph, selection, [...representations], primary);
      expect(answer.data?._entities).toEqual(expected);
      expect(answer.errors).toBeUndefined();
    }
  });
});
