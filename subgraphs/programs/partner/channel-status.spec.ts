import { ADVANTAGE_MIN_CORES, generateDataset } from '../../../demo/generator';
import { migratedTestDatabase, storeLabel, testConfig } from '../../../tests/kit/store';
import { decodeCursor } from '../../kit/connection';
import { captureStatements } from '../../kit/statements';
import { createProgramsContext } from '../context';
import { WhiteLabelRole } from '../../kit/white-label-role';
import { MembershipStatus, ProgramMembership } from '../membership/membership.entity';
import { Program, ProgramCode } from '../program/program.entity';
import { programsSubgraph } from '../subgraph';
import { ChannelStatus } from '../../kit/channel-status';

/**
 * The channel-status rule (docs/architecture.md, "The rules") on a real database: memberships are written by hand for
 * partners chosen to sit on each side of the rule, then read back through the programs context.
 */

const { ACTIVE, INVITED, NOT_INVITED, DECLINED, TERMINATED } = MembershipStatus;
const { VCSP, VCPP, ADVANTAGE, WHITE_LABEL } = ProgramCode;

/** The four programs exactly as the demo store is seeded with them. */
const PROGRAMS: Program[] = generateDataset('demo').programs;
const programId = (code: ProgramCode) => PROGRAMS.find((p) => p.code === code)!.id;

type Spec = [code: ProgramCode, status: MembershipStatus, role?: WhiteLabelRole];

/** Each partner's memberships, and the status the rule gives it. */
const PARTNERS: Record<string, { memberships: Spec[]; expected: ChannelStatus }> = {
  'ptn-primary': {
    memberships: [
      [VCSP, TERMINATED],
      [ADVANTAGE, ACTIVE],
    ],
    expected: ChannelStatus.PRIMARY,
  },
  'ptn-primary-reseller': {
    memberships: [
      [VCPP, TERMINATED],
      [ADVANTAGE, ACTIVE],
      [WHITE_LABEL, ACTIVE, WhiteLabelRole.PRIMARY],
    ],
    expected: ChannelStatus.PRIMARY,
  },
  // ADVANTAGE wins even over an (inconsistent) active secondary role
  'ptn-primary-and-secondary': {
    memberships: [
      [ADVANTAGE, ACTIVE],
      [WHITE_LABEL, ACTIVE, WhiteLabelRole.SECONDARY],
    ],
    expected: ChannelStatus.PRIMARY,
  },
  'ptn-secondary': {
    memberships: [
      [VCSP, TERMINATED],
      [ADVANTAGE, NOT_INVITED],
      [WHITE_LABEL, ACTIVE, WhiteLabelRole.SECONDARY],
    ],
    expected: ChannelStatus.SECONDARY,
  },
  'ptn-secondary-no-legacy': { memberships: [[WHITE_LABEL, ACTIVE, WhiteLabelRole.SECONDARY]], expected: ChannelStatus.SECONDARY },
  'ptn-excluded-a': {
    memberships: [
      [VCSP, TERMINATED],
      [ADVANTAGE, NOT_INVITED],
    ],
    expected: ChannelStatus.EXCLUDED,
  },
  'ptn-excluded-b': {
    memberships: [
      [VCPP, TERMINATED],
      [ADVANTAGE, DECLINED],
    ],
    expected: ChannelStatus.EXCLUDED,
  },
  // a secondary no longer: its white-label membership ended
  'ptn-excluded-c': {
    memberships: [
      [VCSP, TERMINATED],
      [ADVANTAGE, NOT_INVITED],
      [WHITE_LABEL, TERMINATED, WhiteLabelRole.SECONDARY],
    ],
    expected: ChannelStatus.EXCLUDED,
  },
  // admitted once, then terminated: no longer a primary
  'ptn-excluded-d': {
    memberships: [
      [VCPP, TERMINATED],
      [ADVANTAGE, TERMINATED],
    ],
    expected: ChannelStatus.EXCLUDED,
  },
  'ptn-invited': { memberships: [[ADVANTAGE, INVITED]], expected: ChannelStatus.NOT_ENROLLED },
  // a white-label PRIMARY role without ADVANTAGE makes nobody a primary or a secondary
  'ptn-orphan-primary-role': { memberships: [[WHITE_LABEL, ACTIVE, WhiteLabelRole.PRIMARY]], expected: ChannelStatus.NOT_ENROLLED },
};

function membershipRows(): ProgramMembership[] {
  let sequence = 0;
  return Object.entries(PARTNERS).flatMap(([partnerId, { memberships }]) =>
    memberships.map(([code, status, role]) => {
      sequence += 1;
      const ended = status === TERMINATED;
      return {
        id: `mbr-${String(sequence).padStart(3, '0')}`,
        programId: programId(code),
        partnerId,
        status,
        role: role ?? null,
        startedOn: code === VCSP || code === VCPP ? '2015-03-01' : '2024-02-01',
        endedOn: ended ? '2024-04-30' : null,
        reason: ended ? 'test' : null,
      };
    }),
  );
}

/** A partner of the directory without any membership: the partners subgraph knows it, programs does not. */
const WITHOUT_MEMBERSHIP = 'ptn-no-membership';

const expectedWith = (status: ChannelStatus) =>
  [
    ...Object.entries(PARTNERS)
      .filter(([, p]) => p.expected === status)
      .map(([id]) => id),
    ...(status === ChannelStatus.NOT_ENROLLED ? [WITHOUT_MEMBERSHIP] : []),
  ].sort();

/** The partners subgraph, as far as this rule asks it: the directory's ids. */
const directory = async (peer: string, _caller: unknown, query: string) => {
  if (peer !== 'partners' || !query.includes('partnerIds')) throw new Error(`unexpected peer question: ${peer} ${query}`);
  return { data: { partnerIds: [...Object.keys(PARTNERS), WITHOUT_MEMBERSHIP].sort() } };
};

describe(`channel status rule on a real database (${storeLabel()})`, () => {
  const config = testConfig();
  const dataSource = migratedTestDatabase(programsSubgraph.store, {
    config,
    seed: async (database) => {
      await database.getRepository(Program).insert(PROGRAMS);
      await database.getRepository(ProgramMembership).insert(membershipRows());
    },
  });
  const analyst = { identity: { subject: 'spec', role: 'ANALYST' as const, partnerId: null } };
  const context = () => createProgramsContext(dataSource(), { inProcess: directory }, analyst, config.writes);

  it.each(Object.entries(PARTNERS).map(([id, p]) => [id, p.expected] as const))('%s is %s', async (partnerId, expected) => {
    expect(await context().channel.status(partnerId)).toBe(expected);
  });

  it('an unknown partner id is NOT_ENROLLED', async () => {
    expect(await context().channel.status('ptn-does-not-exist')).toBe(ChannelStatus.NOT_ENROLLED);
  });

  it('classifies many partners with one statement', async () => {
    const { channel } = context();
    const ids = [...Object.keys(PARTNERS), 'ptn-does-not-exist'];
    const { result, statements } = await captureStatements({ programs: dataSource() }, () =>
      Promise.all(ids.map((id) => channel.status(id))),
    );
    expect(result).toEqual([...Object.values(PARTNERS).map((p) => p.expected), ChannelStatus.NOT_ENROLLED]);
    expect(statements.filter((s) => s.subgraph === 'programs')).toHaveLength(1);
  });

  it('channel.partners(EXCLUDED, { first: 1 }) pages through every excluded partner, with totalCount', async () => {
    const expected = expectedWith(ChannelStatus.EXCLUDED);
    expect(expected).toHaveLength(4);
    const { channel } = context();
    const visited: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 1; ; pageNumber++) {
      const connection = await channel.partners(ChannelStatus.EXCLUDED, { first: 1, after });
      expect(connection.edges).toHaveLength(1);
      expect(await connection.totalCount).toBe(expected.length);
      expect(connection.pageInfo.hasPreviousPage).toBe(pageNumber > 1);
      expect(decodeCursor(connection.pageInfo.endCursor!)).toEqual([connection.edges[0]?.node.id]);
      visited.push(connection.edges[0]!.node.id);
      if (!connection.pageInfo.hasNextPage) break;
      expect(pageNumber).toBeLessThan(expected.length);
      after = connection.pageInfo.endCursor;
    }
    expect(visited).toEqual(expected);
  });

  it('channel.partners lists the other statuses too, by id', async () => {
    const { channel } = context();
    for (const status of [ChannelStatus.PRIMARY, ChannelStatus.SECONDARY, ChannelStatus.NOT_ENROLLED]) {
      const connection = await channel.partners(status, { first: 100 });
      expect(connection.edges.map((e) => e.node.id)).toEqual(expectedWith(status));
      expect(await connection.totalCount).toBe(expectedWith(status).length);
      expect(connection.pageInfo.hasNextPage).toBe(false);
    }
  });

  it('channel.partners refuses an unknown status and a bad page size with BAD_USER_INPUT', () => {
    const { channel } = context();
    expect(() => channel.partners('RETIRED' as ChannelStatus, { first: 1 })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    expect(() => channel.partners(ChannelStatus.EXCLUDED, { first: 0 })).toThrow(/between 1 and 100/);
  });

  it(`meetsAdvantageThreshold is judged on the ADVANTAGE floor of ${ADVANTAGE_MIN_CORES} cores`, async () => {
    const { channel } = context();
    expect(await channel.meetsAdvantageThreshold(ADVANTAGE_MIN_CORES - 1)).toBe(false);
    expect(await channel.meetsAdvantageThreshold(ADVANTAGE_MIN_CORES)).toBe(true);
    expect(await channel.meetsAdvantageThreshold(3499)).toBe(false);
    expect(await channel.meetsAdvantageThreshold(3500)).toBe(true);
    expect(await channel.meetsAdvantageThreshold(250_000)).toBe(true);
    expect(await channel.meetsAdvantageThreshold(0)).toBe(false);
    expect(await channel.meetsAdvantageThreshold(undefined)).toBeNull();
    expect(await channel.meetsAdvantageThreshold(null)).toBeNull();
    // A withheld figure as Hive Gateway's JavaScript planner passes it on: the subgraph's error in its place.
    expect(
      await channel.meetsAdvantageThreshold({
        message: 'licensedCores … the SECONDARY role sees its own.',
        extensions: { code: 'FORBIDDEN' },
      }),
    ).toBeNull();
    expect(await channel.meetsAdvantageThreshold('5000')).toBeNull();
  });

  it('meetsAdvantageThreshold follows the floor stored on the ADVANTAGE program', async () => {
    const repository = dataSource().getRepository(Program);
    await repository.update({ id: programId(ADVANTAGE) }, { minLicensedCores: 1000 });
    try {
      const { channel } = context();
      expect(await channel.meetsAdvantageThreshold(999)).toBe(false);
      expect(await channel.meetsAdvantageThreshold(1000)).toBe(true);
    } finally {
      await repository.update({ id: programId(ADVANTAGE) }, { minLicensedCores: ADVANTAGE_MIN_CORES });
    }
  });
});
