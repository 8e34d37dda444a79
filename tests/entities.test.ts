import type { SubgraphName } from '../common/config';
import type { Dataset } from '../demo/generator';
import { captureStatements } from '../subgraphs/kit/statements';
import { graphqlData } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

/**
 * Each subgraph answers the federation `_entities` query the gateway sends it, called directly
 * over HTTP (no gateway): the answers match the seeded dataset, and the SQL statements sent are
 * a small constant per entity type and relation field, the same for 5 and for 500 representations.
 */

const SMALL = 5;
const LARGE = 500;

interface EntityCase {
  subgraph: SubgraphName;
  typename: string;
  /** Ids to represent, the ones with the most related rows first (so 5 representations reach every relation). */
  ids: string[];
  /** An id no row has; answered with null for entities the subgraph owns. */
  unknownId: string;
  /** Extra representation fields (e.g. `licensedCores` for `@requires`). */
  extra?: (id: string) => Record<string, unknown>;
  selection: string;
  /** The lookups and relation fields selected: each may send at most one statement. */
  statementBudget: string[];
  /** The entity as the subgraph must answer it; lists it does not promise to order are compared sorted by id. */
  expected: (id: string) => unknown;
  normalise?: (entity: EntityAnswer) => unknown;
}

/** An entity as a subgraph answers it, as far as `normalise` reads it: the lists it sorts by id. */
type EntityAnswer = Record<string, Array<{ id: string }>>;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** The items sorted by id; a list missing from an answer fails the test. */
const sortedById = <T extends { id: string }>(items: T[] | undefined) => {
  if (!items) throw new Error('expected a list in the answer');
  return [...items].sort(byId);
};
const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
/** Ids ordered by a score, highest first (ties by id), so the first few are the richest. */
const richestFirst = (ids: string[], score: (id: string) => number) =>
  [...ids].sort((a, b) => score(b) - score(a) || (a < b ? -1 : a > b ? 1 : 0));

/** The facts, computed from the dataset independently of the subgraphs' code. */
function facts(data: Dataset) {
  const codeOf = new Map(data.programs.map((p) => [p.id, p.code]));
  const membershipsOf = (partnerId: string) => data.memberships.filter((m) => m.partnerId === partnerId);
  const active = (partnerId: string, code: string, role?: string) =>
    membershipsOf(partnerId).some((m) => codeOf.get(m.programId) === code && m.status === 'ACTIVE' && (!role || m.role === role));
  const channelStatus = (partnerId: string) => {
    if (active(partnerId, 'ADVANTAGE')) return 'PRIMARY';
    if (active(partnerId, 'WHITE_LABEL', 'SECONDARY')) return 'SECONDARY';
    if (membershipsOf(partnerId).some((m) => ['VCSP', 'VCPP'].includes(codeOf.get(m.programId)!))) return 'EXCLUDED';
    return 'NOT_ENROLLED';
  };
  const licensedCores = (partnerId: string) =>
    data.licences.filter((l) => l.holderId === partnerId && l.status === 'ACTIVE').reduce((sum, l) => sum + l.cores, 0);
  const advantageFloor = data.programs.find((p) => p.code === 'ADVANTAGE')!.minLicensedCores!;
  const servedCustomerIds = (partnerId: string) =>
    [...new Set(data.contracts.filter((c) => c.providerId === partnerId && c.status === 'ACTIVE').map((c) => c.customerId))].sort();
  const licence = new Map(data.licences.map((l) => [l.id, l]));
  const customer = new Map(data.customers.map((c) => [c.id, c]));
  return { codeOf, membershipsOf, channelStatus, licensedCores, advantageFloor, servedCustomerIds, licence, customer };
}

function entityCases(data: Dataset): EntityCase[] {
  const f = facts(data);
  const partnerIds = data.partners.map((p) => p.id);
  const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
  const contractsOnLicence = countBy(
    data.contracts.filter((c) => c.licenceId),
    (c) => c.licenceId!,
  );
  const contractsOnAllocation = countBy(
    data.contracts.filter((c) => c.allocationId),
    (c) => c.allocationId!,
  );
  const allocationsOfLicence = countBy(data.allocations, (a) => a.licenceId);
  const contractsOfCustomer = countBy(data.contracts, (c) => c.customerId);
  const migrationsOfCustomer = countBy(data.migrations, (m) => m.customerId);
  const activeAllocatedCores = (licenceId: string) =>
    data.allocations.filter((a) => a.licenceId === licenceId && a.status === 'ACTIVE').reduce((sum, a) => sum + a.cores, 0);
  const grantedBy = (partnerId: string) => data.allocations.filter((a) => f.licence.get(a.licenceId)!.holderId === partnerId);

  return [
    {
      subgraph: 'partners',
      typename: 'Partner',
      ids: partnerIds,
      unknownId: 'ptn-999999',
      selection: 'id name country region category website',
      statementBudget: ['Partner lookup'],
      expected: (id) => {
        const partner = data.partners.find((p) => p.id === id);
        return partner ? { __typename: 'Partner', ...partner } : null;
      },
    },
    {
      subgraph: 'programs',
      typename: 'Partner',
      ids: richestFirst(partnerIds, (id) => f.membershipsOf(id).length),
      unknownId: 'ptn-999999',
      extra: (id) => ({ licensedCores: f.licensedCores(id) }),
      selection: 'id channelStatus meetsAdvantageThreshold memberships { id status role program { code } }',
      statementBudget: ['channelStatus', 'meetsAdvantageThreshold', 'memberships', 'memberships.program'],
      expected: (id) => ({
        __typename: 'Partner',
        id,
        channelStatus: f.channelStatus(id),
        meetsAdvantageThreshold: f.licensedCores(id) >= f.advantageFloor,
        memberships: sortedById(f.membershipsOf(id)).map((m) => ({
          id: m.id,
          status: m.status,
          role: m.role,
          program: { code: f.codeOf.get(m.programId) },
        })),
      }),
      normalise: (entity) => ({ ...entity, memberships: sortedById(entity.memberships) }),
    },
    {
      subgraph: 'programs',
      typename: 'ProgramMembership',
      ids: ids(data.memberships),
      unknownId: 'mbr-999999',
      selection: 'id status role startedOn endedOn reason partner { id } program { id code }',
      statementBudget: ['ProgramMembership lookup', 'program'],
      expected: (id) => {
        const m = data.memberships.find((membership) => membership.id === id);
        return m
          ? {
              __typename: 'ProgramMembership',
              id,
              status: m.status,
              role: m.role,
              startedOn: m.startedOn,
              endedOn: m.endedOn,
              reason: m.reason,
              partner: { id: m.partnerId },
              program: { id: m.programId, code: f.codeOf.get(m.programId) },
            }
          : null;
      },
    },
    {
      subgraph: 'licences',
      typename: 'Partner',
      ids: richestFirst(partnerIds, (id) => data.licences.filter((l) => l.holderId === id).length + grantedBy(id).length),
      unknownId: 'ptn-999999',
      selection: `id licensedCores licences { id cores status }
        allocationsGranted { id } allocationsReceived { id }
        asPrimary: whiteLabelAgreements(role: PRIMARY) { id }
        asSecondary: whiteLabelAgreements(role: SECONDARY) { id }`,
      statementBudget: [
        'licensedCores',
        'licences',
        'allocationsGranted',
        'allocationsReceived',
        'whiteLabelAgreements(PRIMARY)',
        'whiteLabelAgreements(SECONDARY)',
      ],
      expected: (id) => ({
        __typename: 'Partner',
        id,
        licensedCores: f.licensedCores(id),
        licences: sortedById(data.licences.filter((l) => l.holderId === id)).map((l) => ({ id: l.id, cores: l.cores, status: l.status })),
        allocationsGranted: sortedById(grantedBy(id)).map((a) => ({ id: a.id })),
        allocationsReceived: sortedById(data.allocations.filter((a) => a.secondaryId === id)).map((a) => ({ id: a.id })),
        asPrimary: sortedById(data.agreements.filter((a) => a.primaryId === id)).map((a) => ({ id: a.id })),
        asSecondary: sortedById(data.agreements.filter((a) => a.secondaryId === id)).map((a) => ({ id: a.id })),
      }),
      normalise: (entity) => ({
        ...entity,
        licences: sortedById(entity.licences),
        allocationsGranted: sortedById(entity.allocationsGranted),
        allocationsReceived: sortedById(entity.allocationsReceived),
        asPrimary: sortedById(entity.asPrimary),
        asSecondary: sortedById(entity.asSecondary),
      }),
    },
    {
      subgraph: 'licences',
      typename: 'Licence',
      ids: richestFirst(ids(data.licences), (id) => allocationsOfLicence.get(id) ?? 0),
      unknownId: 'lic-999999',
      selection: 'id product cores startsOn endsOn status holder { id } allocatedCores availableCores allocations { id }',
      statementBudget: ['Licence lookup', 'allocatedCores', 'availableCores', 'allocations'],
      expected: (id) => {
        const l = f.licence.get(id);
        return l
          ? {
              __typename: 'Licence',
              id,
              product: l.product,
              cores: l.cores,
              startsOn: l.startsOn,
              endsOn: l.endsOn,
              status: l.status,
              holder: { id: l.holderId },
              allocatedCores: activeAllocatedCores(id),
              availableCores: l.cores - activeAllocatedCores(id),
              allocations: sortedById(data.allocations.filter((a) => a.licenceId === id)).map((a) => ({ id: a.id })),
            }
          : null;
      },
      normalise: (entity) => entity && { ...entity, allocations: sortedById(entity.allocations) },
    },
    {
      subgraph: 'licences',
      typename: 'WhiteLabelAgreement',
      ids: ids(data.agreements),
      unknownId: 'wla-999999',
      selection: 'id status signedOn endsOn primary { id } secondary { id } allocations { id cores }',
      statementBudget: ['WhiteLabelAgreement lookup', 'allocations'],
      expected: (id) => {
        const a = data.agreements.find((agreement) => agreement.id === id);
        return a
          ? {
              __typename: 'WhiteLabelAgreement',
              id,
              status: a.status,
              signedOn: a.signedOn,
              endsOn: a.endsOn,
              primary: { id: a.primaryId },
              secondary: { id: a.secondaryId },
              allocations: sortedById(data.allocations.filter((al) => al.agreementId === id)).map((al) => ({ id: al.id, cores: al.cores })),
            }
          : null;
      },
      normalise: (entity) => entity && { ...entity, allocations: sortedById(entity.allocations) },
    },
    {
      subgraph: 'licences',
      typename: 'LicenceAllocation',
      ids: ids(data.allocations),
      unknownId: 'alc-999999',
      selection: 'id cores status startsOn endsOn secondary { id } licence { id holder { id } } agreement { id primary { id } }',
      statementBudget: ['LicenceAllocation lookup', 'licence', 'agreement'],
      expected: (id) => {
        const a = data.allocations.find((allocation) => allocation.id === id);
        return a
          ? {
              __typename: 'LicenceAllocation',
              id,
              cores: a.cores,
              status: a.status,
              startsOn: a.startsOn,
              endsOn: a.endsOn,
              secondary: { id: a.secondaryId },
              licence: { id: a.licenceId, holder: { id: f.licence.get(a.licenceId)!.holderId } },
              agreement: { id: a.agreementId, primary: { id: data.agreements.find((ag) => ag.id === a.agreementId)!.primaryId } },
            }
          : null;
      },
    },
    {
      subgraph: 'customers',
      typename: 'Partner',
      ids: richestFirst(partnerIds, (id) => f.servedCustomerIds(id).length),
      unknownId: 'ptn-999999',
      selection: 'id customerCount customers(first: 5) { totalCount pageInfo { hasNextPage } edges { node { id name } } }',
      statementBudget: ['customerCount', 'customers', 'customers.edges.node', 'customers.totalCount'],
      expected: (id) => {
        const served = f.servedCustomerIds(id);
        return {
          __typename: 'Partner',
          id,
          customerCount: served.length,
          customers: {
            totalCount: served.length,
            pageInfo: { hasNextPage: served.length > 5 },
            edges: served.slice(0, 5).map((customerId) => ({ node: { id: customerId, name: f.customer.get(customerId)!.name } })),
          },
        };
      },
    },
    {
      subgraph: 'customers',
      typename: 'Licence',
      ids: richestFirst(ids(data.licences), (id) => contractsOnLicence.get(id) ?? 0),
      unknownId: 'lic-999999',
      selection: 'id contracts { id status } activeContracts: contracts(status: ACTIVE) { id }',
      statementBudget: ['contracts', 'contracts(status: ACTIVE)'],
      expected: (id) => {
        const contracts = sortedById(data.contracts.filter((c) => c.licenceId === id));
        return {
          __typename: 'Licence',
          id,
          contracts: contracts.map((c) => ({ id: c.id, status: c.status })),
          activeContracts: contracts.filter((c) => c.status === 'ACTIVE').map((c) => ({ id: c.id })),
        };
      },
      normalise: (entity) => ({ ...entity, contracts: sortedById(entity.contracts), activeContracts: sortedById(entity.activeContracts) }),
    },
    {
      subgraph: 'customers',
      typename: 'LicenceAllocation',
      ids: richestFirst(ids(data.allocations), (id) => contractsOnAllocation.get(id) ?? 0),
      unknownId: 'alc-999999',
      selection: 'id contracts { id coresInUse customer { id name } }',
      statementBudget: ['contracts', 'contracts.customer'],
      expected: (id) => ({
        __typename: 'LicenceAllocation',
        id,
        contracts: sortedById(data.contracts.filter((c) => c.allocationId === id)).map((c) => ({
          id: c.id,
          coresInUse: c.coresInUse,
          customer: { id: c.customerId, name: f.customer.get(c.customerId)!.name },
        })),
      }),
      normalise: (entity) => ({ ...entity, contracts: sortedById(entity.contracts) }),
    },
    {
      subgraph: 'customers',
      typename: 'EndCustomer',
      ids: richestFirst(ids(data.customers), (id) => (contractsOfCustomer.get(id) ?? 0) + (migrationsOfCustomer.get(id) ?? 0)),
      unknownId: 'cus-9999999',
      selection: 'id name country industry sovereignCloudRequired contracts { id } migrations { id }',
      statementBudget: ['EndCustomer lookup', 'contracts', 'migrations'],
      expected: (id) => {
        const c = f.customer.get(id);
        return c
          ? {
              __typename: 'EndCustomer',
              ...c,
              contracts: sortedById(data.contracts.filter((ct) => ct.customerId === id)).map((ct) => ({ id: ct.id })),
              migrations: sortedById(data.migrations.filter((m) => m.customerId === id)).map((m) => ({ id: m.id })),
            }
          : null;
      },
      normalise: (entity) => entity && { ...entity, contracts: sortedById(entity.contracts), migrations: sortedById(entity.migrations) },
    },
    {
      subgraph: 'customers',
      typename: 'ServiceContract',
      ids: ids(data.contracts),
      unknownId: 'ctr-9999999',
      selection: 'id coresInUse startsOn endsOn status customer { id name } provider { id } licence { id } allocation { id }',
      statementBudget: ['ServiceContract lookup', 'customer'],
      expected: (id) => {
        const c = data.contracts.find((contract) => contract.id === id);
        return c
          ? {
              __typename: 'ServiceContract',
              id,
              coresInUse: c.coresInUse,
              startsOn: c.startsOn,
              endsOn: c.endsOn,
              status: c.status,
              customer: { id: c.customerId, name: f.customer.get(c.customerId)!.name },
              provider: { id: c.providerId },
              licence: c.licenceId ? { id: c.licenceId } : null,
              allocation: c.allocationId ? { id: c.allocationId } : null,
            }
          : null;
      },
    },
  ];
}

/** `count` representations: the ids in order, repeated when there are fewer, the last one unknown. */
function representationIds(entity: EntityCase, count: number): string[] {
  const chosen = Array.from({ length: count - 1 }, (_, index) => entity.ids[index % entity.ids.length]!);
  return [...chosen, entity.unknownId];
}

describe(`federation _entities straight to each subgraph (${storeLabel()})`, () => {
  let stack: TestStack;
  let cases: EntityCase[];
  beforeAll(async () => {
    stack = await startTestStack();
    cases = entityCases(stack.dataset);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const subgraphUrl = (subgraph: SubgraphName) => `http://127.0.0.1:${stack.subgraphs[subgraph].port}/graphql`;

  async function resolveEntities(entity: EntityCase, count: number) {
    const ids = representationIds(entity, count);
    const representations = ids.map((id) => ({ __typename: entity.typename, id, ...(entity.extra?.(id) ?? {}) }));
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { __typename ... on ${entity.typename} { ${entity.selection} } }
    }`;
    const headers = await stack.internalHeaders({ query, variables: { representations } });
    const { result, statements } = await captureStatements(stack.dataSources, () =>
      graphqlData(subgraphUrl(entity.subgraph), query, { representations }, headers),
    );
    return { ids, entities: (result as { _entities: Array<EntityAnswer | null> })._entities, statements };
  }

  const caseNames = [
    ['partners', 'Partner'],
    ['programs', 'Partner'],
    ['programs', 'ProgramMembership'],
    ['licences', 'Partner'],
    ['licences', 'Licence'],
    ['licences', 'WhiteLabelAgreement'],
    ['licences', 'LicenceAllocation'],
    ['customers', 'Partner'],
    ['customers', 'Licence'],
    ['customers', 'LicenceAllocation'],
    ['customers', 'EndCustomer'],
    ['customers', 'ServiceContract'],
  ] as const;

  it('covers every entity type each subgraph resolves', () => {
    expect(cases.map((c) => [c.subgraph, c.typename])).toEqual(caseNames.map(([s, t]) => [s, t]));
  });

  it.each(caseNames)(
    `%s resolves ${LARGE} %s representations right, with as many statements as for ${SMALL}`,
    async (subgraph, typename) => {
      const entity = cases.find((c) => c.subgraph === subgraph && c.typename === typename)!;
      expect(entity.ids.length).toBeGreaterThan(SMALL);

      const small = await resolveEntities(entity, SMALL);
      const large = await resolveEntities(entity, LARGE);

      for (const run of [small, large]) {
        expect(run.entities).toHaveLength(run.ids.length);
        run.entities.forEach((answer, index) => {
          const id = run.ids[index]!;
          const actual = answer === null || !entity.normalise ? answer : entity.normalise(answer);
          expect({ id, entity: actual }).toEqual({ id, entity: entity.expected(id) });
        });
        expect(run.statements.every((s) => s.subgraph === subgraph)).toBe(true);
        expect(run.statements.length).toBeGreaterThan(0);
        expect(run.statements.length).toBeLessThanOrEqual(entity.statementBudget.length);
      }
      expect(large.statements.length).toBe(small.statements.length);
    },
  );

  it('answers null for unknown ids of owned entities, and an empty standing for partners it only extends', async () => {
    const ownedBy: Array<[SubgraphName, string]> = [
      ['partners', 'Partner'],
      ['programs', 'ProgramMembership'],
      ['licences', 'Licence'],
      ['licences', 'WhiteLabelAgreement'],
      ['licences', 'LicenceAllocation'],
      ['customers', 'EndCustomer'],
      ['customers', 'ServiceContract'],
    ];
    const owned = ownedBy.map(([subgraph, typename]) => cases.find((c) => c.subgraph === subgraph && c.typename === typename)!);
    for (const entity of owned) {
      const { entities } = await resolveEntities(entity, 2);
      expect({ type: entity.typename, answer: entities[1] }).toEqual({ type: entity.typename, answer: null });
      expect(entities[0]).not.toBeNull();
    }
    const licensing = cases.find((c) => c.subgraph === 'licences' && c.typename === 'Partner')!;
    const { entities } = await resolveEntities(licensing, 2);
    expect(entities[1]).toEqual({
      __typename: 'Partner',
      id: 'ptn-999999',
      licensedCores: 0,
      licences: [],
      allocationsGranted: [],
      allocationsReceived: [],
      asPrimary: [],
      asSecondary: [],
    });
  });

  it('the representations reach the data that makes each relation non-trivial', () => {
    const data = stack.dataset;
    const f = facts(data);
    const firstOf = (subgraph: SubgraphName, typename: string) =>
      representationIds(
        cases.find((c) => c.subgraph === subgraph && c.typename === typename)!,
        SMALL,
      ).slice(0, SMALL - 1);
    // licensedCores on both sides of the Advantage floor among the 500 partner representations
    const cores = representationIds(
      cases.find((c) => c.subgraph === 'programs' && c.typename === 'Partner')!,
      LARGE,
    ).map((id) => f.licensedCores(id));
    expect(cores.some((c) => c >= f.advantageFloor)).toBe(true);
    expect(cores.some((c) => c > 0 && c < f.advantageFloor)).toBe(true);
    // the five-representation runs already load nested nodes
    expect(firstOf('customers', 'Partner').some((id) => f.servedCustomerIds(id).length > 5)).toBe(true);
    expect(firstOf('customers', 'LicenceAllocation').some((id) => data.contracts.some((c) => c.allocationId === id))).toBe(true);
    expect(firstOf('licences', 'Licence').some((id) => data.allocations.some((a) => a.licenceId === id && a.status === 'ACTIVE'))).toBe(
      true,
    );
  });
});
