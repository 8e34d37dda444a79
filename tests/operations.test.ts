import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common/paths';
import { today } from '../common/dates';
import type { Dataset } from '../demo/generator';
import { captureStatements } from '../subgraphs/kit/statements';
import { graphqlData, operation, type Operation } from './kit/client';
import {
  AgreementSearchDocument,
  ChannelBeforeAndAfterDocument,
  ChannelOverviewDocument,
  CustomerLicenceChainDocument,
  CustomerSearchDocument,
  CustomersAtRiskDocument,
  ExcludedPartnersAndCustomersDocument,
  LicenceSearchDocument,
  PartnerDirectoryDocument,
  ResellerNetworkDocument,
  ThresholdWhatIfDocument,
} from '../client/generated/graphql';
import { startTestStack, type TestStack } from './kit/stack';
import { channelFacts } from './kit/channel-facts';
import { storeLabel } from './kit/store';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Variables giving a small and a large answer for each documented operation. */
const VARIABLES_AT_TWO_SIZES: Record<string, (data: Dataset) => [Record<string, unknown>, Record<string, unknown>]> = {
  WhoResellsWhatToWhom: () => [{ first: 5 }, { first: 50 }],
  PartnerDirectory: () => [{ first: 5 }, { first: 50 }],
  LicenceSearch: () => [{ first: 5 }, { first: 50 }],
  AgreementSearch: () => [{ first: 5 }, { first: 50 }],
  CustomerSearch: () => [{ first: 5 }, { first: 50 }],
  ChannelOverview: () => [{}, {}],
  // The small page already reaches a planned move to another provider, so both answers cross the same subgraph paths.
  CustomersAtRisk: (data) => {
    const facts = channelFacts(data);
    const excluded = new Set(facts.partnersWith('EXCLUDED').map((p) => p.id));
    const ordered = facts.activeContracts
      .filter((c) => excluded.has(c.providerId))
      .sort((a, b) => b.coresInUse - a.coresInUse || byText(a.id, b.id));
    const movingToProvider = ordered.findIndex((c) =>
      data.migrations.some(
        (m) =>
          m.customerId === c.customerId &&
          m.fromProviderId === c.providerId &&
          m.toProviderId &&
          ['PLANNED', 'IN_PROGRESS'].includes(m.status),
      ),
    );
    return [{ first: Math.max(5, movingToProvider + 1) }, { first: 100 }];
  },
  ExcludedPartnersAndCustomers: () => [
    { first: 5, customersFirst: 2 },
    { first: 50, customersFirst: 10 },
  ],
  ThresholdWhatIf: () => [{ first: 5 }, { first: 50, minLicensedCores: 1000 }],
  ResellerNetwork: (data) => {
    const agreementsOf = (id: string) => data.agreements.filter((a) => a.primaryId === id && a.status === 'ACTIVE').length;
    const primaries = [...new Set(data.agreements.map((a) => a.primaryId))].sort((a, b) => agreementsOf(a) - agreementsOf(b));
    return [{ primaryId: primaries[0] }, { primaryId: primaries.at(-1) }];
  },
  // Two customers whose chains have the same shape (a licence contract and an allocation contract): a chain is a handful of rows.
  CustomerLicenceChain: (data) => {
    const sameShape = data.customers.filter(
      (customer) =>
        data.contracts.some((c) => c.customerId === customer.id && c.allocationId) &&
        data.contracts.some((c) => c.customerId === customer.id && c.licenceId),
    );
    return [{ customerId: sameShape[0]!.id }, { customerId: sameShape.at(-1)!.id }];
  },
  ChannelBeforeAndAfter: () => [{ before: '2024-01-01' }, { before: '2025-06-30' }],
  // The short timeline starts after VCSP's last day (2024-04-30), so it has excluded providers (and their customers at risk) like the long one.
  ChannelTimeline: () => [
    { from: '2024-05-01', to: '2024-06-30' },
    { from: '2023-01-01', to: '2026-06-30' },
  ],
};

describe(`documented operations through the gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  let data: Dataset;
  let known: ReturnType<typeof channelFacts>;
  const run = <TData, TVariables>(document: Operation<TData, TVariables>, variables: TVariables | Record<string, never> = {}) =>
    graphqlData(stack.gatewayUrl, document, variables);

  beforeAll(async () => {
    stack = await startTestStack();
    data = stack.dataset;
    known = channelFacts(data);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('every file in schema/operations is a named operation covered below', () => {
    const files = fs.readdirSync(path.join(projectRoot(), 'schema', 'operations')).filter((f) => f.endsWith('.graphql'));
    for (const file of files)
      expect(operation(file.replace('.graphql', ''))).toMatch(new RegExp(`query ${file.replace('.graphql', '')}\\b`));
    expect(files.map((f) => f.replace('.graphql', '')).sort()).toEqual(Object.keys(VARIABLES_AT_TWO_SIZES).sort());
  });

  it('PartnerDirectory: filters by channel status and region, ordered by country descending', async () => {
    const expected = known.partnersWith('EXCLUDED').filter((p) => p.region === 'EMEA');
    const result = await run(PartnerDirectoryDocument, {
      filter: { channelStatus: 'EXCLUDED', region: 'EMEA' },
      orderBy: { field: 'COUNTRY', direction: 'DESC' },
      first: 100,
    });
    expect(result.partners.totalCount).toBe(expected.length);
    const nodes = result.partners.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(nodes.map((n) => n.country)).toEqual(
      expected
        .map((p) => p.country)
        .sort(byText)
        .reverse(),
    );
    for (const node of nodes) {
      expect(node.channelStatus).toBe('EXCLUDED');
      expect(node.licensedCores).toBe(known.licensedCores(node.id));
      expect(node.customerCount).toBe(known.customersOf(new Set([node.id])));
    }
    const notEnrolled = await run(PartnerDirectoryDocument, { filter: { channelStatus: 'NOT_ENROLLED' }, first: 100 });
    const expectedNotEnrolled = known.partnersWith('NOT_ENROLLED');
    expect(notEnrolled.partners.totalCount).toBe(expectedNotEnrolled.length);
    expect(notEnrolled.partners.edges.map((e) => e.node.id).sort()).toEqual(
      expectedNotEnrolled
        .map((p) => p.id)
        .sort()
        .slice(0, 100),
    );
    expect(notEnrolled.partners.edges.every((e) => e.node.channelStatus === 'NOT_ENROLLED')).toBe(true);
    const named = await run(PartnerDirectoryDocument, { filter: { nameContains: 'CLOUD SERV' }, first: 100 });
    expect(named.partners.totalCount).toBe(data.partners.filter((p) => p.name.toLowerCase().includes('cloud serv')).length);
  });

  it('LicenceSearch, AgreementSearch, CustomerSearch: filters and sort orders', async () => {
    const licences = await run(LicenceSearchDocument, { filter: { status: 'ACTIVE', product: 'VMWARE_CLOUD_FOUNDATION' }, first: 30 });
    const active = data.licences.filter((l) => l.status === 'ACTIVE' && l.product === 'VMWARE_CLOUD_FOUNDATION');
    expect(licences.licences.totalCount).toBe(active.length);
    const biggest = [...active].sort((a, b) => b.cores - a.cores || byText(a.id, b.id)).slice(0, 30);
    expect(licences.licences.edges.map((e) => e.node.id)).toEqual(biggest.map((l) => l.id));

    const day = '2024-11-15';
    const agreements = await run(AgreementSearchDocument, { asOf: day, first: 100 });
    const inForce = data.agreements.filter((a) => known.inForce(a.signedOn, a.endsOn, day));
    expect(agreements.whiteLabelAgreements.totalCount).toBe(inForce.length);
    const signed = agreements.whiteLabelAgreements.edges.map((e) => e.node.signedOn);
    expect(signed).toEqual([...signed].sort(byText).reverse());
    const terminated = await run(AgreementSearchDocument, { filter: { status: 'TERMINATED' }, first: 100 });
    expect(terminated.whiteLabelAgreements.totalCount).toBe(data.agreements.filter((a) => a.status === 'TERMINATED').length);
    expect(terminated.whiteLabelAgreements.totalCount).toBeGreaterThan(0);

    const customers = await run(CustomerSearchDocument, {
      filter: { industry: 'HEALTHCARE', sovereignCloudRequired: true },
      orderBy: { field: 'COUNTRY' },
      first: 100,
    });
    const health = data.customers.filter((c) => c.industry === 'HEALTHCARE' && c.sovereignCloudRequired);
    expect(customers.customers.totalCount).toBe(health.length);
    const countries = customers.customers.edges.map((e) => e.node.country);
    expect(countries).toEqual([...countries].sort(byText));
  });

  it('ChannelOverview: every KPI equals the figure computed from the data', async () => {
    const { channelOverview: o } = await run(ChannelOverviewDocument);
    expect(o.partnerCount).toBe(data.partners.length);
    for (const { category, partners } of o.partnersByCategory)
      expect(partners).toBe(data.partners.filter((p) => p.category === category).length);
    for (const { region, partners } of o.partnersByRegion) expect(partners).toBe(data.partners.filter((p) => p.region === region).length);
    for (const { status, partners } of o.partnersByChannelStatus)
      expect({ status, partners }).toEqual({ status, partners: known.partnersWith(status).length });
    expect(o.licensedCores).toBe(data.licences.filter((l) => l.status === 'ACTIVE').reduce((s, l) => s + l.cores, 0));
    expect(o.allocatedCores).toBe(data.allocations.filter((a) => a.status === 'ACTIVE').reduce((s, a) => s + a.cores, 0));
    expect(o.activeAgreements).toBe(data.agreements.filter((a) => a.status === 'ACTIVE').length);
    expect(o.customerCount).toBe(data.customers.length);
    for (const row of o.customersByProviderStatus) {
      const providers = new Set(known.partnersWith(row.providerStatus).map((p) => p.id));
      const contracts = known.activeContracts.filter((c) => providers.has(c.providerId));
      expect(row).toEqual({
        providerStatus: row.providerStatus,
        customers: known.customersOf(providers),
        coresInUse: contracts.reduce((s, c) => s + c.coresInUse, 0),
      });
    }
    for (const { reason, migrations } of o.migrationsByReason)
      expect(migrations).toBe(data.migrations.filter((m) => m.reason === reason).length);
    const destinations = o.migrationsByDestination.reduce((s, d) => s + d.migrations, 0);
    expect(destinations).toBe(data.migrations.filter((m) => m.status !== 'CANCELLED').length);
    expect(o.migrationsByDestination.find((d) => d.destination === 'VMware provider')?.migrations).toBe(
      data.migrations.filter((m) => m.toProviderId && m.status !== 'CANCELLED').length,
    );
  });

  it('CustomersAtRisk and ExcludedPartnersAndCustomers: the customers of excluded partners', async () => {
    const excluded = new Set(known.partnersWith('EXCLUDED').map((p) => p.id));
    const atRisk = known.activeContracts.filter((c) => excluded.has(c.providerId));
    const result = await run(CustomersAtRiskDocument, { first: 50 });
    const connection = result.channelOverview.customersAtRisk;
    expect(connection.totalCount).toBe(atRisk.length);
    const expectedFirst = [...atRisk].sort((a, b) => b.coresInUse - a.coresInUse || byText(a.id, b.id)).slice(0, 50);
    expect(connection.edges.map((e) => e.node.id)).toEqual(expectedFirst.map((c) => c.id));
    for (const { node } of connection.edges) {
      expect(node.provider.channelStatus).toBe('EXCLUDED');
      const pending = data.migrations.find(
        (m) => m.customerId === node.customer.id && m.fromProviderId === node.provider.id && ['PLANNED', 'IN_PROGRESS'].includes(m.status),
      );
      expect(node.plannedMigration?.status ?? null).toBe(pending?.status ?? null);
    }
    const withPlans = await run(CustomersAtRiskDocument, { first: 100, orderBy: { field: 'ID', direction: 'ASC' } });
    expect(withPlans.channelOverview.customersAtRisk.edges.some((e) => e.node.plannedMigration)).toBe(true);

    const partners = await run(ExcludedPartnersAndCustomersDocument, { first: 10, customersFirst: 3 });
    expect(partners.channelPartners.totalCount).toBe(excluded.size);
    for (const { node } of partners.channelPartners.edges) {
      expect(node.customers.totalCount).toBe(known.customersOf(new Set([node.id])));
      expect(node.licensedCores).toBe(known.licensedCores(node.id));
    }
  });

  it.each([2000, null, 6000])(
    'ThresholdWhatIf at %s cores: who qualifies, the customers of the rest, the change from today',
    async (threshold) => {
      const result = (await run(ThresholdWhatIfDocument, { minLicensedCores: threshold, first: 100 })).thresholdWhatIf;
      const t = threshold ?? 3500;
      const qualifying = known.holders.filter((id) => known.licensedCores(id) >= t);
      const nonQualifying = known.holders.filter((id) => known.licensedCores(id) < t);
      const baselineNon = known.holders.filter((id) => known.licensedCores(id) < 3500);
      const primaries = new Set(known.partnersWith('PRIMARY').map((p) => p.id));
      expect(result).toMatchObject({
        minLicensedCores: t,
        baselineMinLicensedCores: 3500,
        admittedToday: primaries.size,
        qualifyingCount: qualifying.length,
        nonQualifyingCount: nonQualifying.length,
        newlyQualifying: qualifying.filter((id) => !primaries.has(id)).length,
        noLongerQualifying: [...primaries].filter((id) => !qualifying.includes(id)).length,
        customersOfNonQualifying: known.customersOf(new Set(nonQualifying)),
        customersOfNonQualifyingToday: known.customersOf(new Set(baselineNon)),
      });
      // A qualifying partner's licensed cores are never withheld from the analyst: null fails here.
      const cores = result.qualifyingPartners.edges.map((e) => e.node.licensedCores ?? Number.NaN);
      expect(cores).toEqual([...cores].sort((a, b) => b - a));
      expect(cores.every((c) => c >= t)).toBe(true);
      for (const { status, partners } of result.qualifyingByChannelStatus) {
        expect(partners).toBe(qualifying.filter((id) => known.channelStatus(id) === status).length);
      }
    },
  );

  it('ResellerNetwork: a primary’s secondaries, cores and customers, today and before it had any', async () => {
    const primaryId = [...known.partnersWith('PRIMARY')].sort(
      (a, b) => data.agreements.filter((x) => x.primaryId === b.id).length - data.agreements.filter((x) => x.primaryId === a.id).length,
    )[0]!.id;
    const network = (await run(ResellerNetworkDocument, { primaryId })).resellerNetwork!;
    const agreements = data.agreements.filter((a) => a.primaryId === primaryId && a.status === 'ACTIVE');
    expect(network.secondaries.map((b) => b.secondary.id).sort()).toEqual(agreements.map((a) => a.secondaryId).sort());
    for (const branch of network.secondaries) {
      const allocations = data.allocations.filter((a) => a.agreementId === branch.agreement.id && a.status === 'ACTIVE');
      expect(branch.allocatedCores).toBe(allocations.reduce((s, a) => s + a.cores, 0));
      expect(branch.secondary.channelStatus).toBe('SECONDARY');
      for (const allocation of branch.allocations) {
        expect(allocation.contracts.map((c) => c.id).sort()).toEqual(
          data.contracts
            .filter((c) => c.allocationId === allocation.id)
            .map((c) => c.id)
            .sort(),
        );
      }
    }
    expect(network.allocatedCores).toBe(network.secondaries.reduce((s, b) => s + b.allocatedCores, 0));
    const before = (await run(ResellerNetworkDocument, { primaryId, asOf: '2024-07-01' })).resellerNetwork!;
    expect(before).toMatchObject({ asOf: '2024-07-01', allocatedCores: 0, secondaries: [] });
    expect(before.primary.channelStatus).toBe(known.channelStatus(primaryId, '2024-07-01'));
  });

  it('CustomerLicenceChain: customer → provider → allocation → licence → primary → program standing', async () => {
    const contract = data.contracts.find((c) => c.status === 'ACTIVE' && c.allocationId)!;
    const { customer } = await run(CustomerLicenceChainDocument, { customerId: contract.customerId });
    const link = customer?.contracts.find((c) => c.id === contract.id);
    const allocation = data.allocations.find((a) => a.id === contract.allocationId)!;
    const licence = data.licences.find((l) => l.id === allocation.licenceId)!;
    expect(link?.allocation).toBeTruthy();
    if (!link?.allocation) return;
    expect(link.provider).toMatchObject({ id: contract.providerId, channelStatus: 'SECONDARY' });
    expect(link.allocation.agreement.primary.id).toBe(licence.holderId);
    expect(link.allocation.licence.holder).toMatchObject({
      id: licence.holderId,
      channelStatus: 'PRIMARY',
      licensedCores: known.licensedCores(licence.holderId),
      meetsAdvantageThreshold: true,
    });
    expect(link.allocation.licence.holder.memberships.some((m) => m.program.code === 'ADVANTAGE' && m.status === 'ACTIVE')).toBe(true);
  });

  it('ChannelBeforeAndAfter: the channel before VCSP closed and today', async () => {
    const before = '2024-01-01';
    const result = await run(ChannelBeforeAndAfterDocument, { before });
    for (const { status, partners } of result.channelOverview.before)
      expect({ status, partners }).toEqual({ status, partners: known.partnersWith(status, before).length });
    for (const { status, partners } of result.channelOverview.after)
      expect({ status, partners }).toEqual({ status, partners: known.partnersWith(status).length });
    expect(result.legacyMembersBefore.totalCount).toBe(known.partnersWith('LEGACY_MEMBER', before).length);
    expect(result.legacyMembersBefore.totalCount).toBeGreaterThan(0);
    expect(result.channelOverview.agreementsBefore).toBe(0);
    const inForceToday = stack.dataset.agreements.filter((a) => known.inForce(a.signedOn, a.endsOn, today()));
    expect(result.channelOverview.agreementsAfter).toBe(inForceToday.length);
    expect(result.excludedAfter.totalCount).toBe(known.partnersWith('EXCLUDED').length);
  });

  it('ChannelBeforeAndAfter: a missing $after is today in every figure (regression: agreements after counted the TERMINATED ones)', async () => {
    const before = '2024-01-01';
    const withoutAfter = await run(ChannelBeforeAndAfterDocument, { before });
    const withToday = await run(ChannelBeforeAndAfterDocument, { before, after: today() });
    expect(withoutAfter).toEqual(withToday);
    expect(stack.dataset.agreements.some((a) => a.status === 'TERMINATED')).toBe(true);
    expect(withoutAfter.channelOverview.agreementsAfter).toBe(
      stack.dataset.agreements.filter((a) => known.inForce(a.signedOn, a.endsOn, today())).length,
    );
  });

  it.each(Object.entries(VARIABLES_AT_TWO_SIZES))(
    '%s sends the same number of SQL statements for a small and a large answer',
    async (name, sizes) => {
      const counts: number[] = [];
      for (const variables of sizes(stack.dataset)) {
        const { statements } = await captureStatements(stack.dataSources, () => graphqlData(stack.gatewayUrl, operation(name), variables));
        counts.push(statements.length);
      }
      const [small, large] = counts;
      expect(large).toBe(small);
      expect(small).toBeGreaterThan(0);
    },
  );
});
