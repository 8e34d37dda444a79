import { addDays, setToday, today } from '../common/dates';
import { graphql, graphqlData, operation, type Edges } from './kit/client';
import { channelFacts } from './kit/channel-facts';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

/**
 * One rule for time (issue #13): a dated record is in force on D when startsOn ≤ D ≤ endsOn, a
 * missing asOf means today, status follows the dates, and a bad date is the caller's
 * BAD_USER_INPUT. Each case names the finding it guards against.
 */
/** Partners per channel status, as channelOverview counts them. */
type StatusCounts = Array<{ status: string; partners: number }>;
/** What the "left alone a year" case reads: a partner's licensed cores, a licence's status, the channel's cores. */
interface LicensedCoresAndStatus {
  partner: { licensedCores: number };
  licence: { status: string };
  channelOverview: { licensedCores: number };
}

describe(`time rule and dates through the gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  let known: ReturnType<typeof channelFacts>;
  /** A query written as text; `TData` names the fields the test reads. */
  const ask = <TData>(query: string, variables: Record<string, unknown> = {}) => graphqlData<TData>(stack.gatewayUrl, query, variables);

  beforeAll(async () => {
    stack = await startTestStack('demo');
    known = channelFacts(stack.dataset);
  });
  afterAll(async () => {
    setToday(null);
    await stack?.stop();
  });

  it('finding 1: channelPartners(NOT_ENROLLED) lists partners without any membership, as the other two counts do', async () => {
    const data = await ask<{
      channelPartners: { totalCount: number; edges: Edges<{ id: string; channelStatus: string }> };
      partners: { totalCount: number };
      channelOverview: { partnersByChannelStatus: StatusCounts };
    }>(`{
      channelPartners(status: NOT_ENROLLED, first: 100) { totalCount edges { node { id channelStatus } } }
      partners(filter: { channelStatus: NOT_ENROLLED }, first: 1) { totalCount }
      channelOverview { partnersByChannelStatus { status partners } }
    }`);
    const expected = known.partnersWith('NOT_ENROLLED').map((p) => p.id);
    const withoutMembership = stack.dataset.partners.find((p) => known.memberships(p.id).length === 0)!;
    expect(withoutMembership).toBeDefined();
    expect(data.channelPartners.totalCount).toBe(expected.length);
    expect(data.partners.totalCount).toBe(expected.length);
    expect(data.channelOverview.partnersByChannelStatus.find((c) => c.status === 'NOT_ENROLLED')?.partners).toBe(expected.length);
    const listed = data.channelPartners.edges.map((e) => e.node.id);
    expect(listed).toEqual(expected.slice(0, 100).sort());
    expect(listed).toContain(withoutMembership.id);
    expect(new Set(data.channelPartners.edges.map((e) => e.node.channelStatus))).toEqual(new Set(['NOT_ENROLLED']));
  });

  it('finding 3: endsOn is the last day, included, for agreements, allocations and contracts', async () => {
    const terminated = stack.dataset.agreements.find(
      (a) => a.status === 'TERMINATED' && stack.dataset.allocations.some((l) => l.agreementId === a.id && l.endsOn === a.endsOn),
    )!;
    const onLastDay = await ask<{ whiteLabelAgreements: { edges: Edges<{ id: string; allocations: Array<{ id: string }> }> } }>(
      `query ($day: Date!, $id: ID!) {
        whiteLabelAgreements(asOf: $day, filter: { primaryId: $id }, first: 100) { edges { node { id allocations(asOf: $day) { id } } } }
      }`,
      { day: terminated.endsOn, id: terminated.primaryId },
    );
    const node = onLastDay.whiteLabelAgreements.edges.find((e) => e.node.id === terminated.id)?.node;
    expect(node).toBeDefined();
    expect(node?.allocations.length).toBeGreaterThan(0);
    const dayAfter = await ask<{ whiteLabelAgreements: { edges: Edges<{ id: string }> } }>(
      `query ($day: Date!, $id: ID!) { whiteLabelAgreements(asOf: $day, filter: { primaryId: $id }, first: 100) { edges { node { id } } } }`,
      { day: addDays(terminated.endsOn!, 1), id: terminated.primaryId },
    );
    expect(dayAfter.whiteLabelAgreements.edges.map((e) => e.node.id)).not.toContain(terminated.id);

    const ended = stack.dataset.contracts.find((c) => c.status === 'ENDED' && c.licenceId)!;
    const contractsOn = async (day: string) =>
      (
        await ask<{ licence: { contracts: Array<{ id: string }> } }>(
          `query ($id: ID!, $day: Date!) { licence(id: $id) { contracts(asOf: $day) { id } } }`,
          { id: ended.licenceId, day },
        )
      ).licence.contracts.map((c) => c.id);
    expect(await contractsOn(ended.endsOn!)).toContain(ended.id);
    expect(await contractsOn(addDays(ended.endsOn!, 1))).not.toContain(ended.id);
  });

  it("finding 3: on VCSP's closing day (its last day) nobody is EXCLUDED yet; the day after, VCSP's former members are", async () => {
    const counts = async (day: string) =>
      Object.fromEntries(
        (
          await ask<{ channelOverview: { partnersByChannelStatus: StatusCounts } }>(
            `query ($day: Date) { channelOverview { partnersByChannelStatus(asOf: $day) { status partners } } }`,
            { day },
          )
        ).channelOverview.partnersByChannelStatus.map((c) => [c.status, c.partners]),
      );
    const lastDay = await counts('2024-04-30');
    expect(lastDay.EXCLUDED).toBe(known.partnersWith('EXCLUDED', '2024-04-30').length);
    expect(lastDay.LEGACY_MEMBER).toBe(known.partnersWith('LEGACY_MEMBER', '2024-04-30').length);
    const dayAfter = await counts('2024-05-01');
    expect(dayAfter.EXCLUDED).toBeGreaterThan(lastDay.EXCLUDED ?? Number.POSITIVE_INFINITY);
    expect(dayAfter.EXCLUDED).toBe(known.partnersWith('EXCLUDED', '2024-05-01').length);
  });

  it('finding 4: no licence lists a contract on a day before the licence began or after it ended', async () => {
    const licences = stack.dataset.licences.filter((l) => stack.dataset.contracts.some((c) => c.licenceId === l.id)).slice(0, 40);
    const data = await ask<{
      licences: { edges: Edges<{ startsOn: string; endsOn: string; contracts: Array<{ startsOn: string }> }> };
    }>(
      `query ($day: Date!) { licences(first: 100) { edges { node { id startsOn endsOn contracts(asOf: $day) { id startsOn endsOn } } } } }`,
      { day: '2022-01-01' },
    );
    for (const { node } of data.licences.edges) {
      if (node.contracts.length > 0) expect(node.startsOn <= '2022-01-01' && '2022-01-01' <= node.endsOn).toBe(true);
      for (const contract of node.contracts) expect(contract.startsOn >= node.startsOn).toBe(true);
    }
    expect(licences.length).toBeGreaterThan(0);
  });

  it("finding 5: thresholdWhatIf's population is the partners holding a licence in force; secondaries with expired licences are not in it", async () => {
    const data = await ask<{
      thresholdWhatIf: {
        nonQualifyingCount: number;
        customersOfNonQualifyingToday: number;
        nonQualifyingPartners: { edges: Edges<{ id: string }> };
      };
    }>(`{
      thresholdWhatIf { nonQualifyingCount customersOfNonQualifyingToday nonQualifyingPartners(first: 100) { edges { node { id } } } }
    }`);
    const holders = [...new Set(stack.dataset.licences.filter((l) => known.inForce(l.startsOn, l.endsOn, today())).map((l) => l.holderId))];
    const nonQualifying = new Set(holders.filter((id) => known.licensedCores(id) < 3500));
    const secondaries = new Set(known.partnersWith('SECONDARY').map((p) => p.id));
    expect(data.thresholdWhatIf.nonQualifyingCount).toBe(nonQualifying.size);
    for (const { node } of data.thresholdWhatIf.nonQualifyingPartners.edges) expect(secondaries.has(node.id)).toBe(false);
    expect(data.thresholdWhatIf.customersOfNonQualifyingToday).toBe(known.customersOf(nonQualifying));
  });

  it('finding 6: channelOverview does not count CANCELLED migrations among where customers go', async () => {
    const data = await ask<{ channelOverview: { migrationsByDestination: Array<{ migrations: number }> } }>(
      `{ channelOverview { migrationsByDestination { destination migrations } } }`,
    );
    const total = data.channelOverview.migrationsByDestination.reduce((sum, d) => sum + d.migrations, 0);
    expect(stack.dataset.migrations.some((m) => m.status === 'CANCELLED')).toBe(true);
    expect(total).toBe(stack.dataset.migrations.filter((m) => m.status !== 'CANCELLED').length);
  });

  describe('finding 7: a bad date is BAD_USER_INPUT naming the argument, with both planners, and changes nothing', () => {
    const BAD = [
      ['2024-02-30', 'February 2024 has 29 days'],
      ['99999-01-01', 'YYYY-MM-DD'],
      ['2024-13-01', 'month'],
      ['0024-01-01', 'year'],
      [20240101, 'string'],
    ] as const;

    it.each(BAD)('as a variable: asOf %p', async (value, hint) => {
      const response = await graphql(stack.gatewayUrl, operation('ChannelBeforeAndAfter'), { before: value });
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.message).toContain('$before');
      expect(response.errors![0]!.message).toContain(hint);
      expect(response.data ?? null).toBeNull();
    });

    it.each([
      ['channelPartners(status: EXCLUDED, asOf: "2024-02-30") { totalCount }', 'asOf'],
      ['whiteLabelAgreements(asOf: "2024-04-31") { totalCount }', 'asOf'],
      ['partners(first: 1) { edges { node { channelStatus(asOf: 20240101) } } }', 'asOf'],
      ['channelOverview { partnersByChannelStatus(asOf: "99999-01-01") { partners } }', 'asOf'],
    ])('written in the operation: %s', async (selection, argument) => {
      const response = await graphql(stack.gatewayUrl, `{ ${selection} }`);
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
      expect(response.errors![0]!.message).toMatch(new RegExp(`^Argument "${argument}": `));
    });

    it('in a write input: refused, named, and nothing written', async () => {
      const holder = stack.dataset.partners[0]!.id;
      const before = await ask(`query ($id: ID!) { partner(id: $id) { licences { id } } }`, { id: holder });
      const response = await graphql(
        stack.gatewayUrl,
        `mutation { createLicence(input: { holderId: "${holder}", product: VSPHERE_STANDARD, cores: 10, startsOn: "2025-02-29", endsOn: "2026-01-01" }) { licence { id } } }`,
        {},
        await stack.authorization({ subject: 'vendor', role: 'VENDOR', partnerId: null }),
      );
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'startsOn' });
      expect(response.errors![0]!.message).toContain('February 2025 has 28 days');
      expect(await ask(`query ($id: ID!) { partner(id: $id) { licences { id } } }`, { id: holder })).toEqual(before);
    });
  });

  it('finding 8: status and figures follow the dates when the server is left alone a year', async () => {
    const primary = known
      .partnersWith('PRIMARY')
      .find((p) => stack.dataset.licences.some((l) => l.holderId === p.id && l.status === 'ACTIVE' && l.endsOn < addDays(today(), 500)))!;
    const expiring = stack.dataset.licences.find(
      (l) => l.holderId === primary.id && l.status === 'ACTIVE' && l.endsOn < addDays(today(), 500),
    )!;
    const query = `query ($id: ID!, $licence: ID!) {
      partner(id: $id) { licensedCores }
      licence(id: $licence) { status }
      channelOverview { licensedCores }
    }`;
    const now = await ask<LicensedCoresAndStatus>(query, { id: primary.id, licence: expiring.id });
    expect(now.licence.status).toBe('ACTIVE');
    expect(now.partner.licensedCores).toBe(known.licensedCores(primary.id));

    const later = addDays(expiring.endsOn, 1);
    setToday(later);
    try {
      const then = await ask<LicensedCoresAndStatus>(query, { id: primary.id, licence: expiring.id });
      expect(then.licence.status).toBe('EXPIRED');
      const inForceThen = stack.dataset.licences.filter((l) => known.inForce(l.startsOn, l.endsOn, later));
      expect(then.partner.licensedCores).toBe(inForceThen.filter((l) => l.holderId === primary.id).reduce((s, l) => s + l.cores, 0));
      expect(then.partner.licensedCores).toBeLessThanOrEqual(now.partner.licensedCores - expiring.cores);
      expect(then.channelOverview.licensedCores).toBe(inForceThen.reduce((s, l) => s + l.cores, 0));
      const lastDay = expiring.endsOn;
      setToday(lastDay);
      expect((await ask<LicensedCoresAndStatus>(query, { id: primary.id, licence: expiring.id })).licence.status).toBe('ACTIVE');
    } finally {
      setToday(null);
    }
  });
});
