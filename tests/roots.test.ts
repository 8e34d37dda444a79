import { graphql, graphqlData, type Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { channelFacts } from './kit/channel-facts';
import { storeLabel } from './kit/store';

/** The fields of a page of channelPartners this test asks for. */
interface ChannelPartnersPage {
  channelPartners: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Edges<{ id: string; channelStatus: string; customerCount: number }>;
  };
}

describe(`queries rooted in each subgraph, through the gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  let known: ReturnType<typeof channelFacts>;
  beforeAll(async () => {
    stack = await startTestStack();
    known = channelFacts(stack.dataset);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('partners: filters the directory and joins every subgraph on one partner', async () => {
    const { dataset } = stack;
    const data = await graphqlData<{ partners: { totalCount: number; edges: Edges<{ id: string; name: string; region: string }> } }>(
      stack.gatewayUrl,
      `query ($filter: PartnerFilter) { partners(filter: $filter, first: 100) { totalCount edges { node { id name region } } } }`,
      { filter: { region: 'EMEA', nameContains: 'CLOUD' } },
    );
    const expected = dataset.partners.filter((p) => p.region === 'EMEA' && p.name.toLowerCase().includes('cloud'));
    expect(data.partners.totalCount).toBe(expected.length);
    expect(data.partners.edges.map((e) => e.node.id).sort()).toEqual(expected.map((p) => p.id).sort());
    const names = data.partners.edges.map((e) => e.node.name);
    expect(names).toEqual(
      [...names].sort((a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)),
    );

    const busiest = [...dataset.partners].sort((a, b) => known.customersServedBy(b.id).length - known.customersServedBy(a.id).length)[0]!;
    const one = await graphqlData<{
      partner: {
        id: string;
        name: string;
        channelStatus: string;
        licensedCores: number | null;
        meetsAdvantageThreshold: boolean;
        customerCount: number;
        memberships: Array<{ status: string; program: { code: string } }>;
        licences: Array<{ id: string; cores: number; status: string }>;
        customers: { totalCount: number; edges: Edges<{ id: string }>; pageInfo: { hasNextPage: boolean } };
      };
    }>(
      stack.gatewayUrl,
      `query ($id: ID!) { partner(id: $id) {
         id name channelStatus licensedCores meetsAdvantageThreshold customerCount
         memberships { status program { code } }
         licences { id cores status }
         customers(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage } }
       } }`,
      { id: busiest.id },
    );
    const partner = one.partner;
    expect(partner.name).toBe(busiest.name);
    expect(partner.channelStatus).toBe(known.channelStatus(busiest.id));
    expect(partner.licensedCores).toBe(known.licensedCores(busiest.id));
    expect(partner.meetsAdvantageThreshold).toBe(known.licensedCores(busiest.id) >= 3500);
    expect(partner.memberships).toHaveLength(known.memberships(busiest.id).length);
    expect(partner.licences.map((l) => l.id).sort()).toEqual(
      dataset.licences
        .filter((l) => l.holderId === busiest.id)
        .map((l) => l.id)
        .sort(),
    );
    const served = known.customersServedBy(busiest.id);
    expect(partner.customerCount).toBe(served.length);
    expect(partner.customers.totalCount).toBe(served.length);
    expect(partner.customers.edges.map((e) => e.node.id)).toEqual(served.slice(0, 5));
    expect(partner.customers.pageInfo.hasNextPage).toBe(served.length > 5);

    const missing = await graphqlData<{ partner: { id: string; name: string } | null }>(
      stack.gatewayUrl,
      `{ partner(id: "ptn-999999") { id name } }`,
    );
    expect(missing.partner).toBeNull();
  });

  it('programs: programs with memberships, and the partners each channel status leaves out', async () => {
    const { dataset } = stack;
    const data = await graphqlData<{
      programs: Array<{ code: string; memberships: { totalCount: number; edges: Edges<{ partner: { id: string; name: string } }> } }>;
      advantage: { code: string; minLicensedCores: number | null };
    }>(
      stack.gatewayUrl,
      `{ programs { code status closedOn minLicensedCores invitationOnly memberships(status: ACTIVE, first: 3) { totalCount edges { node { partner { id name } } } } }
         advantage: program(code: ADVANTAGE) { code minLicensedCores } }`,
    );
    expect(data.programs.map((p) => p.code).sort()).toEqual(['ADVANTAGE', 'VCPP', 'VCSP', 'WHITE_LABEL']);
    const vcsp = data.programs.find((p) => p.code === 'VCSP');
    expect(vcsp).toMatchObject({ status: 'CLOSED', closedOn: '2024-04-30' });
    expect(data.advantage).toEqual({ code: 'ADVANTAGE', minLicensedCores: 3500 });
    for (const program of data.programs) {
      const id = dataset.programs.find((p) => p.code === program.code)!.id;
      expect(program.memberships.totalCount).toBe(dataset.memberships.filter((m) => m.programId === id && m.status === 'ACTIVE').length);
      for (const edge of program.memberships.edges)
        expect(edge.node.partner.name).toBe(dataset.partners.find((p) => p.id === edge.node.partner.id)!.name);
    }

    for (const status of ['EXCLUDED', 'SECONDARY', 'PRIMARY']) {
      const expected = dataset.partners
        .filter((p) => known.channelStatus(p.id) === status)
        .map((p) => p.id)
        .sort();
      const ids: string[] = [];
      let after: string | null = null;
      let totalCount: number;
      do {
        const page: ChannelPartnersPage = await graphqlData<ChannelPartnersPage>(
          stack.gatewayUrl,
          `query ($status: ChannelStatus!, $after: String) { channelPartners(status: $status, first: 25, after: $after) {
             totalCount pageInfo { hasNextPage endCursor } edges { node { id name channelStatus customerCount } } } }`,
          { status, after },
        );
        totalCount = page.channelPartners.totalCount;
        for (const edge of page.channelPartners.edges) {
          expect(edge.node.channelStatus).toBe(status);
          expect(edge.node.customerCount).toBe(known.customersServedBy(edge.node.id).length);
          ids.push(edge.node.id);
        }
        after = page.channelPartners.pageInfo.hasNextPage ? page.channelPartners.pageInfo.endCursor : null;
      } while (after);
      expect(totalCount).toBe(expected.length);
      expect(ids).toEqual(expected);
    }
  });

  it('licences: a licence with its holder, allocations and contracts; filtered lists', async () => {
    const { dataset } = stack;
    const allocated = dataset.allocations.find((a) => a.status === 'ACTIVE')!;
    const licence = dataset.licences.find((l) => l.id === allocated.licenceId)!;
    const activeAllocated = dataset.allocations
      .filter((a) => a.licenceId === licence.id && a.status === 'ACTIVE')
      .reduce((s, a) => s + a.cores, 0);
    const data = await graphqlData<{
      licence: {
        cores: number;
        allocatedCores: number;
        availableCores: number;
        holder: { id: string; name: string; channelStatus: string };
        allocations: Array<{ id: string }>;
        contracts: Array<{ id: string }>;
      };
      licences: { totalCount: number };
    }>(
      stack.gatewayUrl,
      `query ($id: ID!, $holder: ID!) {
         licence(id: $id) { cores status allocatedCores availableCores holder { id name channelStatus } allocations { id secondary { id name } } contracts { id } }
         licences(filter: { holderId: $holder, status: ACTIVE }, first: 100) { totalCount edges { node { id } } }
       }`,
      { id: licence.id, holder: licence.holderId },
    );
    expect(data.licence.cores).toBe(licence.cores);
    expect(data.licence.allocatedCores).toBe(activeAllocated);
    expect(data.licence.availableCores).toBe(licence.cores - activeAllocated);
    expect(data.licence.holder).toEqual({
      id: licence.holderId,
      name: dataset.partners.find((p) => p.id === licence.holderId)!.name,
      channelStatus: 'PRIMARY',
    });
    expect(data.licence.allocations.map((a) => a.id).sort()).toEqual(
      dataset.allocations
        .filter((a) => a.licenceId === licence.id)
        .map((a) => a.id)
        .sort(),
    );
    expect(data.licence.contracts.map((c) => c.id).sort()).toEqual(
      dataset.contracts
        .filter((c) => c.licenceId === licence.id)
        .map((c) => c.id)
        .sort(),
    );
    expect(data.licences.totalCount).toBe(dataset.licences.filter((l) => l.holderId === licence.holderId && l.status === 'ACTIVE').length);

    const secondary = dataset.agreements.find((a) => a.status === 'ACTIVE')!.secondaryId;
    const theirs = await graphqlData<{
      partner: { whiteLabelAgreements: Array<{ id: string }>; allocationsReceived: Array<{ id: string }>; allocationsGranted: unknown[] };
    }>(
      stack.gatewayUrl,
      `query ($id: ID!) { partner(id: $id) { whiteLabelAgreements(role: SECONDARY) { id status primary { id } } allocationsReceived { id cores } allocationsGranted { id } } }`,
      { id: secondary },
    );
    expect(theirs.partner.whiteLabelAgreements.map((a) => a.id).sort()).toEqual(
      dataset.agreements
        .filter((a) => a.secondaryId === secondary)
        .map((a) => a.id)
        .sort(),
    );
    expect(theirs.partner.allocationsReceived.map((a) => a.id).sort()).toEqual(
      dataset.allocations
        .filter((a) => a.secondaryId === secondary)
        .map((a) => a.id)
        .sort(),
    );
    expect(theirs.partner.allocationsGranted).toEqual([]);
  });

  it('customers: filtered customers and one customer with contracts, providers and migrations', async () => {
    const { dataset } = stack;
    const filtered = await graphqlData<{ customers: { totalCount: number; edges: Edges<{ id: string }> } }>(
      stack.gatewayUrl,
      `{ customers(filter: { country: "it", sovereignCloudRequired: true }, first: 100) { totalCount edges { node { id country sovereignCloudRequired } } } }`,
    );
    const expected = dataset.customers.filter((c) => c.country === 'IT' && c.sovereignCloudRequired);
    expect(filtered.customers.totalCount).toBe(expected.length);
    expect(filtered.customers.edges.map((e) => e.node.id).sort()).toEqual(
      expected
        .map((c) => c.id)
        .sort()
        .slice(0, 100),
    );

    const migration = dataset.migrations.find((m) => m.status === 'COMPLETED' && m.toProviderId)!;
    const data = await graphqlData<{
      customer: {
        contracts: Array<{ id: string; provider: { id: string; channelStatus: string }; licence: { id: string } | null }>;
        migrations: unknown[];
      };
    }>(
      stack.gatewayUrl,
      `query ($id: ID!) { customer(id: $id) {
         name contracts { id status coresInUse provider { id name channelStatus } licence { id product } allocation { id cores } }
         migrations { reason status from { id name channelStatus } to { id name } alternativeVendor }
       } }`,
      { id: migration.customerId },
    );
    const contracts = dataset.contracts.filter((c) => c.customerId === migration.customerId);
    expect(data.customer.contracts.map((c) => c.id)).toEqual(contracts.map((c) => c.id));
    for (const contract of data.customer.contracts) {
      const row = contracts.find((c) => c.id === contract.id)!;
      expect(contract.provider.id).toBe(row.providerId);
      expect(contract.provider.channelStatus).toBe(known.channelStatus(row.providerId));
      expect(contract.licence?.id ?? null).toBe(row.licenceId);
    }
    expect(data.customer.migrations).toEqual([
      {
        reason: migration.reason,
        status: 'COMPLETED',
        from: {
          id: migration.fromProviderId,
          name: dataset.partners.find((p) => p.id === migration.fromProviderId)!.name,
          channelStatus: 'EXCLUDED',
        },
        to: { id: migration.toProviderId, name: dataset.partners.find((p) => p.id === migration.toProviderId)!.name },
        alternativeVendor: null,
      },
    ]);

    const provider = migration.toProviderId!;
    const byProvider = await graphqlData<{ customers: { totalCount: number } }>(
      stack.gatewayUrl,
      `query ($p: ID!) { customers(filter: { providerId: $p }, first: 1) { totalCount } }`,
      { p: provider },
    );
    expect(byProvider.customers.totalCount).toBe(known.customersServedBy(provider).length);
  });

  it('refuses malformed cursors and bad filters with BAD_USER_INPUT naming the value', async () => {
    const cursor = await graphql(
      stack.gatewayUrl,
      `
        {
          customers(first: 5, after: "not-a-cursor") {
            totalCount
          }
        }
      `,
    );
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cursor.errors?.[0]?.message).toContain('not-a-cursor');
    const country = await graphql(
      stack.gatewayUrl,
      `
        {
          partners(filter: { country: "Italy" }) {
            totalCount
          }
        }
      `,
    );
    expect(country.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(country.errors?.[0]?.message).toContain('Italy');
    const enumLiteral = await graphql(
      stack.gatewayUrl,
      `
        {
          channelPartners(status: LEFT_OUT) {
            totalCount
          }
        }
      `,
    );
    const enumVariable = await graphql(
      stack.gatewayUrl,
      `
        query ($s: ChannelStatus!) {
          channelPartners(status: $s) {
            totalCount
          }
        }
      `,
      { s: 'LEFT_OUT' },
    );
    for (const response of [enumLiteral, enumVariable]) {
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toContain('LEFT_OUT');
    }
  });
});
