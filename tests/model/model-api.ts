import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  execute,
  GraphQLError,
  GraphQLObjectType,
  parse,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { projectRoot } from '../../common/paths';
import type { Identity } from '../../common/identity';
import { CHANNEL_STATUSES, inForce, type ChannelModel, type ChannelStatus, type ChannelView, type Row } from './channel-model';

/**
 * The model's answer to any operation of the public API: graphql-js executes it over the public
 * schema (client/api-schema.graphql) with resolvers that read the model, so the model answers in
 * the API's exact shape. Cursors are opaque (tests compare answers without them) and `after` is
 * not modelled.
 */

// The model's resolvers take graphql-js's arguments and parents for every field of the public schema,
// checked against that schema by graphql-js before they run; typing each one would need resolver
// types generated from the schema, which the project does not generate.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Args = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Resolver = GraphQLFieldResolver<any, ChannelView, Args>;

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const byKeys =
  <T>(...keys: Array<(row: T) => string | number>) =>
  (a: T, b: T) => {
    for (const key of keys) {
      const order = compare(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  };

function badUserInput(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}
function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

function connection<T>(sorted: T[], args: Args) {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badUserInput('"first" must be from 1 to 100.', 'first');
  if (args.after) throw new Error('the model does not page with "after"');
  const nodes = sorted.slice(0, first);
  return {
    totalCount: sorted.length,
    pageInfo: { hasNextPage: sorted.length > first, hasPreviousPage: false, startCursor: null, endCursor: null },
    edges: nodes.map((node) => ({ cursor: '', node })),
  };
}

/** Sorting by an orderBy input: its field, then id ascending. */
function ordered<T extends { id: string }>(
  rows: T[],
  order: { field: string; direction: string },
  value: (row: T, field: string) => string | number,
): T[] {
  const sign = order.direction === 'DESC' ? -1 : 1;
  return [...rows].sort((a, b) =>
    order.field === 'ID' ? sign * compare(a.id, b.id) : sign * compare(value(a, order.field), value(b, order.field)) || compare(a.id, b.id),
  );
}

function resolvers(): Record<string, Record<string, Resolver>> {
  const m = (v: ChannelView): ChannelModel => v.model;
  const partner = (v: ChannelView, id: string) => m(v).byId.partner.get(id) ?? null;
  const requireWholeChannel = (v: ChannelView, what: string) => {
    if (!v.wholeChannel) throw forbidden(`${what} is for the channel team and analysts.`);
  };
  const visibleContracts = (v: ChannelView, rows: Array<Row<'contracts'>>) => rows.filter((c) => v.contracts.has(c.id));
  const contractsSelected = (v: ChannelView, rows: Array<Row<'contracts'>>, args: Args) =>
    visibleContracts(v, rows)
      .filter((c) => (!args.status || m(v).contractStatus(c) === args.status) && (!args.asOf || inForce(c.startsOn, c.endsOn, args.asOf)))
      .sort(
        byKeys(
          (c) => c.startsOn,
          (c) => c.id,
        ),
      );
  const customersServedToday = (v: ChannelView, providerId: string) =>
    [
      ...new Set(
        visibleContracts(
          v,
          m(v)
            .grouped('contracts today by provider', m(v).contractsInForceToday(), (c) => c.providerId)
            .get(providerId) ?? [],
        ).map((c) => c.customerId),
      ),
    ]
      .sort()
      .map((id) => m(v).byId.customer.get(id)!);
  const agreementsOf = (v: ChannelView, partnerId: string, role: string | null, asOf: string | null) => {
    const rows = m(v).data.agreements.filter((a) => v.agreements.has(a.id) && (!asOf || inForce(a.signedOn, a.endsOn, asOf)));
    const sorted = (list: Array<Row<'agreements'>>) =>
      list.sort(
        byKeys(
          (a) => a.signedOn,
          (a) => a.id,
        ),
      );
    return [
      ...(role === 'SECONDARY' ? [] : sorted(rows.filter((a) => a.primaryId === partnerId))),
      ...(role === 'PRIMARY' ? [] : sorted(rows.filter((a) => a.secondaryId === partnerId))),
    ];
  };
  const allocationsSorted = (rows: Array<Row<'allocations'>>) =>
    [...rows].sort(
      byKeys(
        (a) => a.startsOn,
        (a) => a.id,
      ),
    );
  const pendingMigration = (v: ChannelView, contract: Row<'contracts'>) =>
    m(v)
      .data.migrations.filter(
        (g) =>
          g.customerId === contract.customerId &&
          g.fromProviderId === contract.providerId &&
          (g.status === 'PLANNED' || g.status === 'IN_PROGRESS') &&
          v.migrations.has(g.id),
      )
      .sort(
        byKeys(
          (g) => g.decidedOn,
          (g) => g.id,
        ),
      )[0] ?? null;
  const partnerIdsWith = (v: ChannelView, status: ChannelStatus, day: string) => m(v).partnersWith(status, day);
  const split = (v: ChannelView, threshold: number) => {
    const population = m(v).population();
    return { qualifying: population.filter((p) => p.cores >= threshold), nonQualifying: population.filter((p) => p.cores < threshold) };
  };
  const customersOf = (v: ChannelView, providerIds: Set<string>) =>
    new Set(
      m(v)
        .contractsInForceToday()
        .filter((c) => providerIds.has(c.providerId))
        .map((c) => c.customerId),
    ).size;
  const countBy = <T>(rows: T[], key: (row: T) => string) => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
    return [...counts].sort((a, b) => compare(a[0], b[0]));
  };
  const today = (v: ChannelView) => m(v).today;

  return {
    Query: {
      partner: (_, { id }, v) => partner(v, id),
      partners: (_, args, v) => {
        const filter = args.filter ?? {};
        if (filter.country && !/^[A-Za-z]{2}$/.test(filter.country)) throw badUserInput('filter.country', 'filter.country');
        const rows = m(v).data.partners.filter(
          (p) =>
            (!filter.category || p.category === filter.category) &&
            (!filter.region || p.region === filter.region) &&
            (!filter.country || p.country === filter.country.toUpperCase()) &&
            (!filter.nameContains || p.name.toLowerCase().includes(filter.nameContains.toLowerCase())) &&
            (!filter.channelStatus || m(v).channelStatus(p.id) === filter.channelStatus),
        );
        const order = args.orderBy ?? { field: 'NAME', direction: 'ASC' };
        return connection(
          ordered(rows, order, (p, field) => (field === 'NAME' ? p.name : field === 'COUNTRY' ? p.country : p.category)),
          args,
        );
      },
      channelPartners: (_, args, v) =>
        connection(
          partnerIdsWith(v, args.status, args.asOf ?? today(v)).map((id) => partner(v, id)),
          args,
        ),
      programs: (_, __, v) =>
        [...m(v).data.programs].sort(
          byKeys(
            (p) => p.launchedOn,
            (p) => p.code,
          ),
        ),
      program: (_, { code }, v) => m(v).data.programs.find((p) => p.code === code) ?? null,
      licence: (_, { id }, v) => (v.licences.has(id) ? m(v).byId.licence.get(id)! : null),
      licences: (_, args, v) => {
        const filter = args.filter ?? {};
        const rows = m(v).data.licences.filter(
          (l) =>
            v.licences.has(l.id) &&
            (!filter.holderId || l.holderId === filter.holderId) &&
            (!filter.product || l.product === filter.product) &&
            (!filter.status || m(v).licenceStatus(l) === filter.status),
        );
        const order = args.orderBy ?? { field: 'ID', direction: 'ASC' };
        return connection(
          ordered(rows, order, (l, field) => (field === 'CORES' ? l.cores : field === 'STARTS_ON' ? l.startsOn : l.endsOn)),
          args,
        );
      },
      whiteLabelAgreement: (_, { id }, v) => (v.agreements.has(id) ? m(v).byId.agreement.get(id)! : null),
      whiteLabelAgreements: (_, args, v) => {
        const filter = args.filter ?? {};
        const rows = m(v).data.agreements.filter(
          (a) =>
            v.agreements.has(a.id) &&
            (!args.asOf || inForce(a.signedOn, a.endsOn, args.asOf)) &&
            (!filter.primaryId || a.primaryId === filter.primaryId) &&
            (!filter.secondaryId || a.secondaryId === filter.secondaryId) &&
            (!filter.status || m(v).agreementStatus(a) === filter.status),
        );
        return connection(
          ordered(rows, args.orderBy ?? { field: 'ID', direction: 'ASC' }, (a) => a.signedOn),
          args,
        );
      },
      customer: (_, { id }, v) => (v.customers.has(id) ? m(v).byId.customer.get(id)! : null),
      customers: (_, args, v) => {
        const filter = args.filter ?? {};
        if (filter.country && !/^[A-Za-z]{2}$/.test(filter.country)) throw badUserInput('filter.country', 'filter.country');
        const servedToday = filter.providerId
          ? new Set(
              m(v)
                .contractsInForceToday()
                .filter((c) => c.providerId === filter.providerId)
                .map((c) => c.customerId),
            )
          : null;
        const rows = m(v).data.customers.filter(
          (c) =>
            v.customers.has(c.id) &&
            (!filter.country || c.country === filter.country.toUpperCase()) &&
            (!filter.industry || c.industry === filter.industry) &&
            (filter.sovereignCloudRequired === undefined ||
              filter.sovereignCloudRequired === null ||
              c.sovereignCloudRequired === filter.sovereignCloudRequired) &&
            (!filter.nameContains || c.name.toLowerCase().includes(filter.nameContains.toLowerCase())) &&
            (!servedToday || servedToday.has(c.id)),
        );
        const order = args.orderBy ?? { field: 'NAME', direction: 'ASC' };
        return connection(
          ordered(rows, order, (c, field) => (field === 'NAME' ? c.name : field === 'COUNTRY' ? c.country : c.industry)),
          args,
        );
      },
      channelOverview: (_, __, v) => {
        requireWholeChannel(v, 'channelOverview');
        return { id: 'channel' };
      },
      thresholdWhatIf: (_, args, v) => {
        requireWholeChannel(v, 'thresholdWhatIf');
        const baseline = m(v).advantageThreshold() ?? 0;
        const threshold = args.minLicensedCores ?? baseline;
        if (threshold < 1 || threshold > 10_000_000) throw badUserInput('minLicensedCores', 'minLicensedCores');
        return { minLicensedCores: threshold, baselineMinLicensedCores: baseline };
      },
      resellerNetwork: (_, args, v) => {
        if (!v.wholeChannel && args.primaryId !== v.partnerId) throw forbidden('resellerNetwork of another partner');
        if (!partner(v, args.primaryId)) return null;
        const day = args.asOf ?? today(v);
        const secondaries = agreementsOf(v, args.primaryId, 'PRIMARY', day).map((agreement) => {
          const allocations = allocationsSorted(
            m(v).data.allocations.filter(
              (a) => a.agreementId === agreement.id && v.allocations.has(a.id) && inForce(a.startsOn, a.endsOn, day),
            ),
          );
          return {
            secondary: partner(v, agreement.secondaryId),
            agreement,
            allocations,
            allocatedCores: allocations.reduce((s, a) => s + a.cores, 0),
          };
        });
        return {
          primary: partner(v, args.primaryId),
          asOf: args.asOf ?? null,
          secondaries,
          allocatedCores: secondaries.reduce((s, b) => s + b.allocatedCores, 0),
        };
      },
    },
    Partner: {
      channelStatus: (p, args, v) => m(v).channelStatus(p.id, args.asOf ?? today(v)),
      licensedCores: (p, _, v) => {
        if (!v.seesLicenceDataOf(p.id)) throw forbidden(`licensedCores of partner "${p.id}"`);
        return m(v).licensedCores(p.id);
      },
      meetsAdvantageThreshold: (p, _, v) => {
        if (!v.seesLicenceDataOf(p.id)) throw forbidden(`meetsAdvantageThreshold of partner "${p.id}"`);
        const threshold = m(v).advantageThreshold();
        return threshold !== null && m(v).licensedCores(p.id) >= threshold;
      },
      memberships: (p, _, v) =>
        m(v)
          .data.memberships.filter((x) => x.partnerId === p.id && v.memberships.has(x.id))
          .sort(
            byKeys(
              (x) => x.startedOn,
              (x) => x.id,
            ),
          ),
      licences: (p, _, v) =>
        v.seesLicenceDataOf(p.id)
          ? m(v)
              .data.licences.filter((l) => l.holderId === p.id)
              .sort(
                byKeys(
                  (l) => l.startsOn,
                  (l) => l.id,
                ),
              )
          : [],
      whiteLabelAgreements: (p, args, v) => agreementsOf(v, p.id, args.role ?? null, args.asOf ?? null),
      allocationsGranted: (p, _, v) =>
        allocationsSorted(
          m(v).data.allocations.filter((a) => m(v).byId.licence.get(a.licenceId)!.holderId === p.id && v.allocations.has(a.id)),
        ),
      allocationsReceived: (p, _, v) =>
        allocationsSorted(m(v).data.allocations.filter((a) => a.secondaryId === p.id && v.allocations.has(a.id))),
      customerCount: (p, _, v) => customersServedToday(v, p.id).length,
      customers: (p, args, v) => connection(customersServedToday(v, p.id), args),
    },
    ProgramMembership: {
      program: (x, _, v) => m(v).byId.program.get(x.programId),
      partner: (x, _, v) => partner(v, x.partnerId),
    },
    Licence: {
      status: (l, _, v) => m(v).licenceStatus(l),
      holder: (l, _, v) => partner(v, l.holderId),
      // The holder's figures: for anyone else they would tell what the primary allocated to others.
      allocatedCores: (l, _, v) => {
        if (!v.seesLicenceDataOf(l.holderId)) throw forbidden(`allocatedCores of licence "${l.id}"`);
        return m(v).allocatedCoresOfLicence(l.id);
      },
      availableCores: (l, _, v) => {
        if (!v.seesLicenceDataOf(l.holderId)) throw forbidden(`availableCores of licence "${l.id}"`);
        return l.cores - m(v).allocatedCoresOfLicence(l.id);
      },
      allocations: (l, _, v) => allocationsSorted(m(v).data.allocations.filter((a) => a.licenceId === l.id && v.allocations.has(a.id))),
      contracts: (l, args, v) =>
        contractsSelected(
          v,
          m(v)
            .grouped('contracts by licence', m(v).data.contracts, (c) => c.licenceId)
            .get(l.id) ?? [],
          args,
        ),
    },
    WhiteLabelAgreement: {
      status: (a, _, v) => m(v).agreementStatus(a),
      primary: (a, _, v) => partner(v, a.primaryId),
      secondary: (a, _, v) => partner(v, a.secondaryId),
      allocations: (a, args, v) =>
        allocationsSorted(
          m(v).data.allocations.filter(
            (x) => x.agreementId === a.id && v.allocations.has(x.id) && (!args.asOf || inForce(x.startsOn, x.endsOn, args.asOf)),
          ),
        ),
    },
    LicenceAllocation: {
      status: (a, _, v) => m(v).allocationStatus(a),
      licence: (a, _, v) => (v.licences.has(a.licenceId) ? m(v).byId.licence.get(a.licenceId) : null),
      agreement: (a, _, v) => (v.agreements.has(a.agreementId) ? m(v).byId.agreement.get(a.agreementId) : null),
      secondary: (a, _, v) => partner(v, a.secondaryId),
      contracts: (a, args, v) =>
        contractsSelected(
          v,
          m(v)
            .grouped('contracts by allocation', m(v).data.contracts, (c) => c.allocationId)
            .get(a.id) ?? [],
          args,
        ),
    },
    ServiceContract: {
      status: (c, _, v) => m(v).contractStatus(c),
      customer: (c, _, v) => m(v).byId.customer.get(c.customerId),
      provider: (c, _, v) => partner(v, c.providerId),
      licence: (c, _, v) => (c.licenceId && v.licences.has(c.licenceId) ? m(v).byId.licence.get(c.licenceId) : null),
      allocation: (c, _, v) => (c.allocationId && v.allocations.has(c.allocationId) ? m(v).byId.allocation.get(c.allocationId) : null),
      plannedMigration: (c, _, v) => pendingMigration(v, c),
    },
    EndCustomer: {
      contracts: (c, _, v) =>
        visibleContracts(
          v,
          m(v)
            .grouped('contracts by customer', m(v).data.contracts, (x) => x.customerId)
            .get(c.id) ?? [],
        ).sort(
          byKeys(
            (x) => x.startsOn,
            (x) => x.id,
          ),
        ),
      migrations: (c, _, v) =>
        m(v)
          .data.migrations.filter((g) => g.customerId === c.id && v.migrations.has(g.id))
          .sort(
            byKeys(
              (g) => g.decidedOn,
              (g) => g.id,
            ),
          ),
    },
    CustomerMigration: {
      customer: (g, _, v) => m(v).byId.customer.get(g.customerId),
      from: (g, _, v) => partner(v, g.fromProviderId),
      to: (g, _, v) => (g.toProviderId ? partner(v, g.toProviderId) : null),
    },
    ChannelOverview: {
      partnerCount: (_, __, v) => m(v).data.partners.length,
      partnersByCategory: (_, __, v) =>
        countBy(m(v).data.partners, (p) => p.category).map(([category, partners]) => ({ category, partners })),
      partnersByRegion: (_, __, v) => countBy(m(v).data.partners, (p) => p.region).map(([region, partners]) => ({ region, partners })),
      partnersByChannelStatus: (_, args, v) =>
        CHANNEL_STATUSES.map((status) => ({ status, partners: partnerIdsWith(v, status, args.asOf ?? today(v)).length })),
      licensedCores: (_, __, v) =>
        m(v)
          .data.licences.filter((l) => inForce(l.startsOn, l.endsOn, today(v)))
          .reduce((s, l) => s + l.cores, 0),
      licensedCoresByProduct: (_, __, v) => {
        const byProduct = new Map<string, number>();
        for (const l of m(v).data.licences.filter((x) => inForce(x.startsOn, x.endsOn, today(v))))
          byProduct.set(l.product, (byProduct.get(l.product) ?? 0) + l.cores);
        return [...byProduct].sort((a, b) => compare(a[0], b[0])).map(([product, cores]) => ({ product, cores }));
      },
      allocatedCores: (_, __, v) =>
        m(v)
          .data.allocations.filter((a) => inForce(a.startsOn, a.endsOn, today(v)))
          .reduce((s, a) => s + a.cores, 0),
      activeAgreements: (_, args, v) => m(v).data.agreements.filter((a) => inForce(a.signedOn, a.endsOn, args.asOf ?? today(v))).length,
      customerCount: (_, __, v) => m(v).data.customers.length,
      customersByProviderStatus: (_, __, v) => {
        const statusOf = new Map(m(v).data.partners.map((p) => [p.id, m(v).channelStatus(p.id)]));
        const contracts = m(v).contractsInForceToday();
        return CHANNEL_STATUSES.map((providerStatus) => {
          const rows = contracts.filter((c) => (statusOf.get(c.providerId) ?? 'NOT_ENROLLED') === providerStatus);
          return {
            providerStatus,
            customers: new Set(rows.map((c) => c.customerId)).size,
            coresInUse: rows.reduce((s, c) => s + c.coresInUse, 0),
          };
        });
      },
      customersAtRisk: (_, args, v) => {
        const atRisk = m(v)
          .contractsInForceToday()
          .filter((c) => m(v).channelStatus(c.providerId) === 'EXCLUDED');
        const order = args.orderBy ?? { field: 'CORES_IN_USE', direction: 'DESC' };
        return connection(
          ordered(atRisk, order, (c, field) => (field === 'CORES_IN_USE' ? c.coresInUse : c.startsOn)),
          args,
        );
      },
      migrationsByReason: (_, __, v) =>
        countBy(m(v).data.migrations, (g) => g.reason).map(([reason, migrations]) => ({ reason, migrations })),
      migrationsByDestination: (_, __, v) =>
        countBy(
          m(v).data.migrations.filter((g) => g.status !== 'CANCELLED'),
          (g) => (g.toProviderId ? 'VMware provider' : g.alternativeVendor!),
        ).map(([destination, migrations]) => ({ destination, migrations })),
    },
    ThresholdScenario: {
      qualifyingCount: (s, _, v) => split(v, s.minLicensedCores).qualifying.length,
      nonQualifyingCount: (s, _, v) => split(v, s.minLicensedCores).nonQualifying.length,
      qualifyingPartners: (s, args, v) =>
        connection(
          split(v, s.minLicensedCores).qualifying.map((p) => partner(v, p.id)),
          args,
        ),
      nonQualifyingPartners: (s, args, v) =>
        connection(
          split(v, s.minLicensedCores).nonQualifying.map((p) => partner(v, p.id)),
          args,
        ),
      admittedToday: (_, __, v) => partnerIdsWith(v, 'PRIMARY', today(v)).length,
      qualifyingByChannelStatus: (s, _, v) => {
        const qualifying = split(v, s.minLicensedCores).qualifying.map((p) => m(v).channelStatus(p.id));
        return CHANNEL_STATUSES.map((status) => ({ status, partners: qualifying.filter((x) => x === status).length }));
      },
      newlyQualifying: (s, _, v) => split(v, s.minLicensedCores).qualifying.filter((p) => m(v).channelStatus(p.id) !== 'PRIMARY').length,
      noLongerQualifying: (s, _, v) => {
        const qualifying = new Set(split(v, s.minLicensedCores).qualifying.map((p) => p.id));
        return partnerIdsWith(v, 'PRIMARY', today(v)).filter((id) => !qualifying.has(id)).length;
      },
      customersOfNonQualifying: (s, _, v) => customersOf(v, new Set(split(v, s.minLicensedCores).nonQualifying.map((p) => p.id))),
      customersOfNonQualifyingToday: (s, _, v) =>
        customersOf(v, new Set(split(v, s.baselineMinLicensedCores).nonQualifying.map((p) => p.id))),
    },
  };
}

let apiSchema: GraphQLSchema | null = null;

/** The public schema with the model's resolvers attached. */
function modelSchema(): GraphQLSchema {
  if (apiSchema) return apiSchema;
  const schema = buildSchema(fs.readFileSync(path.join(projectRoot(), 'client', 'api-schema.graphql'), 'utf8'));
  for (const [typeName, fields] of Object.entries(resolvers())) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`the model resolves ${typeName}, which is not an object type`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`the model resolves ${typeName}.${fieldName}, which the API does not have`);
      field.resolve = resolve;
    }
  }
  apiSchema = schema;
  return schema;
}

/** What the API should answer `caller` for this operation and variables, on the model's day. */
export function modelAnswer(model: ChannelModel, operation: string, variables: Record<string, unknown>, caller: Identity): ExecutionResult {
  const result = execute({
    schema: modelSchema(),
    document: parse(operation),
    variableValues: variables,
    contextValue: model.visibleTo(caller),
  });
  if (result instanceof Promise) throw new Error('the model answers synchronously');
  return result;
}
