import type { Dataset } from '../demo/generator';
import type { Identity } from '../common/identity';
import { captureStatements } from '../subgraphs/kit/statements';
import { today } from '../subgraphs/kit/writes/write-helpers';
import { MAX_TIMELINE_PERIODS } from '../subgraphs/programs/timeline/timeline.type';
import { channelFacts } from './kit/channel-facts';
import { ChannelTimelineDocument, type ChannelTimelineQuery, type ChannelTimelineQueryVariables } from '../client/generated/graphql';
import { graphql, graphqlData } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

type Period = ChannelTimelineQuery['channelTimeline']['periods'][number];

const STATUSES = ['PRIMARY', 'SECONDARY', 'LEGACY_MEMBER', 'EXCLUDED', 'NOT_ENROLLED'];

/** Every day from `from` to `to`, one at a time (slow and obviously right). */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= to; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** The periods a timeline must have: consecutive days grouped by calendar month or by ISO week (the Monday it starts on). */
function expectedPeriods(from: string, to: string, interval: 'MONTH' | 'WEEK'): Array<{ startsOn: string; endsOn: string }> {
  const periodOf = (day: string) => {
    if (interval === 'MONTH') return day.slice(0, 7);
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return date.toISOString().slice(0, 10);
  };
  const periods: Array<{ key: string; startsOn: string; endsOn: string }> = [];
  for (const day of daysBetween(from, to)) {
    const last = periods.at(-1);
    if (last?.key === periodOf(day)) last.endsOn = day;
    else periods.push({ key: periodOf(day), startsOn: day, endsOn: day });
  }
  return periods.map(({ startsOn, endsOn }) => ({ startsOn, endsOn }));
}

/**
 * A period's figures computed again from the seeded rows with the test kit's own rules: standings
 * on the period's last day, migrations decided within it.
 */
function expectedFigures(data: Dataset, { startsOn, endsOn }: { startsOn: string; endsOn: string }) {
  const facts = channelFacts(data);
  const statusOn = new Map(data.partners.map((p) => [p.id, facts.channelStatus(p.id, endsOn)]));
  const excluded = new Set([...statusOn].filter(([, status]) => status === 'EXCLUDED').map(([id]) => id));
  const decided = new Map<string, number>();
  for (const m of data.migrations.filter((m) => m.decidedOn >= startsOn && m.decidedOn <= endsOn)) {
    const key = `${m.toProviderId ? 'VMware provider' : m.alternativeVendor}|${m.status}`;
    decided.set(key, (decided.get(key) ?? 0) + 1);
  }
  return {
    startsOn,
    endsOn,
    partnersByChannelStatus: STATUSES.map((status) => ({ status, partners: [...statusOn.values()].filter((s) => s === status).length })),
    activeAgreements: data.agreements.filter((a) => facts.inForce(a.signedOn, a.endsOn, endsOn)).length,
    allocatedCores: data.allocations.filter((a) => facts.inForce(a.startsOn, a.endsOn, endsOn)).reduce((sum, a) => sum + a.cores, 0),
    customersAtRisk: new Set(
      data.contracts.filter((c) => excluded.has(c.providerId) && facts.inForce(c.startsOn, c.endsOn, endsOn)).map((c) => c.customerId),
    ).size,
    migrationsDecided: [...decided]
      .map(([key, migrations]) => {
        const [destination, status] = key.split('|');
        return { destination: destination!, status: status!, migrations };
      })
      .sort((a, b) => (a.destination + a.status < b.destination + b.status ? -1 : 1)),
  };
}

const sortedDecisions = (period: Period) => ({
  ...period,
  migrationsDecided: [...period.migrationsDecided].sort((a, b) => (a.destination + a.status < b.destination + b.status ? -1 : 1)),
});

describe(`channel timeline (${storeLabel()})`, () => {
  let stack: TestStack;
  let data: Dataset;
  const timeline = async (variables: ChannelTimelineQueryVariables) =>
    (await graphqlData(stack.gatewayUrl, ChannelTimelineDocument, variables)).channelTimeline;

  beforeAll(async () => {
    stack = await startTestStack();
    data = stack.dataset;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('monthly from before the change to today: each period and each figure as computed from the stored rows', async () => {
    const from = '2023-11-15';
    const answer = await timeline({ from });
    expect(answer).toMatchObject({ interval: 'MONTH', from, to: today() });
    const periods = expectedPeriods(from, today(), 'MONTH');
    expect(answer.periods.map(({ startsOn, endsOn }) => ({ startsOn, endsOn }))).toEqual(periods);
    expect(answer.periods.map(sortedDecisions)).toEqual(periods.map((period) => expectedFigures(data, period)));
    // The data changes over the range, so the comparison is not between constant series.
    const series = (figure: (p: Period) => number) => new Set(answer.periods.map(figure)).size;
    expect(series((p) => p.activeAgreements)).toBeGreaterThan(3);
    expect(series((p) => p.customersAtRisk)).toBeGreaterThan(3);
    expect(series((p) => p.partnersByChannelStatus.find((s) => s.status === 'EXCLUDED')!.partners)).toBeGreaterThan(1);
    expect(answer.periods.some((p) => p.migrationsDecided.length > 1)).toBe(true);
  });

  it('weekly around the day VCSP closed, with a range cut mid-week at both ends', async () => {
    const [from, to] = ['2024-04-03', '2024-06-13'];
    const answer = await timeline({ from, to, interval: 'WEEK' });
    const periods = expectedPeriods(from, to, 'WEEK');
    expect(periods.length).toBe(11);
    expect(answer.periods.map(sortedDecisions)).toEqual(periods.map((period) => expectedFigures(data, period)));
  });

  it("a period's standings equal the one-day fields asked with asOf on its last day", async () => {
    const answer = await timeline({ from: '2024-01-01', to: '2025-12-31' });
    for (const period of answer.periods) {
      const oneDay = await graphqlData(
        stack.gatewayUrl,
        `query OneDay($day: Date!) {
          channelOverview { partnersByChannelStatus(asOf: $day) { status partners } }
          whiteLabelAgreements(asOf: $day, first: 1) { totalCount }
        }`,
        { day: period.endsOn },
      );
      expect({ day: period.endsOn, partners: period.partnersByChannelStatus, agreements: period.activeAgreements }).toEqual({
        day: period.endsOn,
        partners: oneDay.channelOverview.partnersByChannelStatus,
        agreements: oneDay.whiteLabelAgreements.totalCount,
      });
    }
  });

  it('sends the same SQL statements for 2 months, 40 months and 61 weeks', async () => {
    const counts: Record<string, number> = {};
    const timelines: Record<string, { from: string; to: string; interval: 'MONTH' | 'WEEK' }> = {
      // After VCSP's last day (2024-04-30): excluded providers in every period, as in the longer timelines.
      twoMonths: { from: '2024-05-01', to: '2024-06-30', interval: 'MONTH' },
      fortyMonths: { from: '2023-03-01', to: '2026-06-30', interval: 'MONTH' },
      weeks: { from: '2024-01-01', to: '2025-03-02', interval: 'WEEK' },
    };
    for (const [label, variables] of Object.entries(timelines)) {
      const { result, statements } = await captureStatements(stack.dataSources, () => timeline(variables));
      expect(result.periods.length).toBe(expectedPeriods(variables.from, variables.to, variables.interval).length);
      counts[label] = statements.length;
    }
    expect(counts.twoMonths).toBeGreaterThan(0);
    expect(counts).toEqual({ twoMonths: counts.twoMonths, fortyMonths: counts.twoMonths, weeks: counts.twoMonths });
  });

  it('refuses bad arguments with BAD_USER_INPUT saying what and how to fix it', async () => {
    const refusal = async (variables: ChannelTimelineQueryVariables) => {
      const response = await graphql(stack.gatewayUrl, ChannelTimelineDocument, variables);
      expect(response.data?.channelTimeline ?? null).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      return response.errors![0]!.message;
    };
    expect(await refusal({ from: '2025-01-01', to: '2024-12-31' })).toBe(
      '"from" (2025-01-01) is after "to" (2024-12-31): give a "from" on or before "to".',
    );
    const weeks = await refusal({ from: '2020-01-01', to: '2026-01-01', interval: 'WEEK' });
    expect(weeks).toContain(`more than ${MAX_TIMELINE_PERIODS} periods of one week`);
    expect(weeks).toContain('"interval: MONTH"');
    expect(await refusal({ from: '1990-01-01', to: '2026-01-01' })).toContain(`more than ${MAX_TIMELINE_PERIODS} periods of one month`);
    // The exact bound (260 periods answered, 261 refused) is checked on timelinePeriods itself (timeline.periods.spec.ts).
  });

  it('is channel-wide: partner roles get FORBIDDEN and no figure', async () => {
    const agreement = data.agreements.find((a) => a.status === 'ACTIVE')!;
    const partners: Identity[] = [
      { subject: 'primary-user', role: 'PRIMARY', partnerId: agreement.primaryId },
      { subject: 'secondary-user', role: 'SECONDARY', partnerId: agreement.secondaryId },
    ];
    for (const identity of partners) {
      const response = await stack.as(identity, ChannelTimelineDocument, { from: '2024-01-01' });
      expect(response.data?.channelTimeline ?? null).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    // Nor through a subgraph's entities, for a caller that got a signed identity some other way.
    const direct = await stack.askSubgraph(
      'customers',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on TimelinePeriod { customersAtRisk } } }`,
      { r: [{ __typename: 'TimelinePeriod', startsOn: '2024-05-01', endsOn: '2024-05-31', excludedPartnerIds: [] }] },
      partners[0],
    );
    expect(direct.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
