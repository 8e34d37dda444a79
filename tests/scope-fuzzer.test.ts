import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { today } from '../common/dates';
import type { Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import type { Dataset } from '../demo/generator';
import { graphql, type GraphQLResponse } from './kit/client';
import { inputValue, printInputValue, type InputValue } from './kit/input-values';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { ChannelModel, type ChannelView } from './model/channel-model';
import { modelAnswer } from './model/model-api';

/*
 * The scope fuzzer (README, "Who sees what"): operations generated from the public API schema
 * (every root field, nested paths to a bounded depth, aliases, inline fragments, filters,
 * orderings, asOf), sent through the gateway by partner users of several partners, an analyst and
 * an anonymous caller, on a store whose ownership is known. Every answer is checked against what
 * the reference model of the channel (tests/model/, loaded with the same dataset) says the caller
 * sees, not by the services' code: no id outside its visible sets anywhere (data, errors,
 * extensions), every root list's totalCount and every customerCount exactly the model's, an
 * out-of-scope id answered exactly as a nonexistent one, and no HTTP 500 or INTERNAL_SERVER_ERROR.
 * SCOPE_FUZZ_OPERATIONS (default 250) and SCOPE_FUZZ_SEED (default: random, printed) size and replay a run.
 */
const OPERATIONS = Number(process.env.SCOPE_FUZZ_OPERATIONS ?? 250);
const SEED = Number(process.env.SCOPE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MAX_DEPTH = 4;
const ID_PATTERN = /\b(mbr|lic|wla|alc|ctr|cus|mig)-\d{6}\b/g;

/** Fields a generated operation leaves out: writes, and the audit trails (channel-team only, tested elsewhere). */
const SKIPPED_ROOTS = /AuditTrail$/;
/** Root fields over scoped records are drawn three times as often as the others. */
const SCOPED_ROOTS = new Set([
  'customer',
  'customers',
  'licence',
  'licences',
  'whiteLabelAgreement',
  'whiteLabelAgreements',
  'partner',
  'resellerNetwork',
]);
/** Fields withheld from records of other partners: null (with FORBIDDEN) unless the caller holds them (ChannelView.seesFiguresOf). */
const HOLDER_FIGURES: Record<string, string[]> = {
  Licence: ['allocatedCores', 'availableCores'],
  Partner: ['licensedCores', 'meetsAdvantageThreshold'],
};

interface Caller {
  label: string;
  identity: Identity | null;
}

/** Ids to draw arguments from: in the caller's scope, outside it, and nonexistent. */
interface IdPools {
  byPrefix: Record<string, { inScope: string[]; outOfScope: string[] }>;
  partners: string[];
}

interface Generated {
  query: string;
  /** A single-record root field asked with an out-of-scope id: asked again with a nonexistent one. */
  outOfScopeId: string | null;
  /** Root connections with their arguments, for the exact counts. */
  roots: Array<{ responseKey: string; field: string; args: Record<string, unknown> }>;
}

type Gen = fc.GeneratorValue;

/** One of the list, chosen by the generator (so a run is replayed by its seed). */
function pick<T>(g: Gen, list: readonly T[]): T {
  return list[g(fc.nat, { max: list.length - 1 })]!;
}

const MISSING: Record<string, string> = {
  lic: 'lic-999991',
  cus: 'cus-999992',
  wla: 'wla-999993',
  alc: 'alc-999994',
  ctr: 'ctr-999995',
  mig: 'mig-999996',
  mbr: 'mbr-999997',
  ptn: 'ptn-999998',
};
const ROOT_ID_PREFIX: Record<string, string> = { licence: 'lic', customer: 'cus', whiteLabelAgreement: 'wla', partner: 'ptn' };

/** One operation: one or two root fields, each with a generated selection. */
function generateOperation(g: Gen, schema: GraphQLSchema, pools: IdPools): Generated {
  const query = schema.getQueryType()!;
  const roots = Object.values(query.getFields())
    .filter((field) => !SKIPPED_ROOTS.test(field.name))
    .flatMap((field) => (SCOPED_ROOTS.has(field.name) ? [field, field, field] : [field]));
  const state = { aliases: 0, outOfScopeId: null as string | null, roots: [] as Generated['roots'] };
  const count = g(fc.integer, { min: 1, max: 2 });
  const selections: string[] = [];
  for (let index = 0; index < count; index++) {
    const field = pick(g, roots);
    const responseKey = `r${index}_${field.name}`;
    state.aliases += 1;
    const args = generateArguments(g, field, pools, state, true);
    state.roots.push({ responseKey, field: field.name, args });
    selections.push(
      `${responseKey}: ${field.name}${printArguments(field, args)}${selectionOf(g, getNamedType(field.type), pools, state, 1)}`,
    );
  }
  return { query: `query Fuzzed {\n  ${selections.join('\n  ')}\n}`, outOfScopeId: state.outOfScopeId, roots: state.roots };
}

function selectionOf(
  g: Gen,
  type: ReturnType<typeof getNamedType>,
  pools: IdPools,
  state: { aliases: number; outOfScopeId: string | null; roots: Generated['roots'] },
  depth: number,
): string {
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields());
  const chosen = new Set<string>(['__typename']);
  if (type.getFields().id) chosen.add('id');
  if (type.getFields().totalCount) chosen.add('totalCount');
  // A connection always shows its nodes (the ids checked), besides whatever else is drawn.
  const forced = ['edges', 'node'].map((name) => type.getFields()[name]).filter((field) => field !== undefined && depth < MAX_DEPTH);
  for (const field of forced) chosen.add(field!.name);
  const picks = g(fc.subarray, [...fields.keys()], { minLength: 1, maxLength: Math.min(4, fields.length) }).map((index) => fields[index]!);
  const parts = [...chosen].filter((name) => !forced.some((field) => field!.name === name));
  for (const field of forced) parts.push(`${field!.name}${selectionOf(g, getNamedType(field!.type), pools, state, depth + 1)}`);
  for (const field of picks) {
    if (chosen.has(field.name)) continue;
    const named = getNamedType(field.type);
    const composite = isObjectType(named);
    if (composite && depth >= MAX_DEPTH) continue;
    const required = field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    const paged = field.args.some((arg) => arg.name === 'first');
    const args = field.args.length > 0 && (required || paged || g(fc.boolean)) ? generateArguments(g, field, pools, state, false) : {};
    const alias = state.aliases < 12 && g(fc.integer, { min: 0, max: 9 }) === 0 ? `a${++state.aliases}: ` : '';
    parts.push(`${alias}${field.name}${printArguments(field, args)}${composite ? selectionOf(g, named, pools, state, depth + 1) : ''}`);
  }
  const body = parts.join(' ');
  return g(fc.integer, { min: 0, max: 9 }) === 0 ? ` { ... on ${type.name} { ${body} } }` : ` { ${body} }`;
}

function generateArguments(
  g: Gen,
  field: GraphQLField<unknown, unknown>,
  pools: IdPools,
  state: { outOfScopeId: string | null },
  root: boolean,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.args) {
    const required = (isNonNullType(arg.type) && arg.defaultValue === undefined) || arg.name === 'first';
    if (!required && !g(fc.boolean)) continue;
    if (arg.name === 'after') continue;
    const prefix = root && arg.name === 'id' ? ROOT_ID_PREFIX[field.name] : undefined;
    if (prefix && prefix !== 'ptn') {
      const kind = pick(g, ['in', 'out', 'missing']);
      const pool = pools.byPrefix[prefix]!;
      const id =
        kind === 'in' && pool.inScope.length > 0
          ? pick(g, pool.inScope)
          : kind !== 'missing' && pool.outOfScope.length > 0
            ? pick(g, pool.outOfScope)
            : MISSING[prefix]!;
      if (pool.outOfScope.includes(id)) state.outOfScopeId = id;
      args[arg.name] = id;
      continue;
    }
    args[arg.name] = valueFor(g, arg.name, arg.type, pools);
  }
  return args;
}

function valueFor(g: Gen, name: string, type: GraphQLInputType, pools: IdPools): InputValue {
  return inputValue(
    type,
    {
      optional: () => g(fc.integer, { min: 0, max: 2 }) === 0,
      enumValue: (enumType) =>
        pick(
          g,
          enumType.getValues().map((v) => v.name),
        ),
      scalar: (scalar, path) => {
        const field = path.at(-1);
        switch (scalar.name) {
          case 'ID':
            return pick(g, pools.partners);
          case 'Int':
            return field === 'first' ? g(fc.integer, { min: 1, max: 4 }) : pick(g, [1, 1000, 3500, 5000]);
          case 'Boolean':
            return g(fc.boolean);
          case 'Date':
            return pick(g, ['2024-01-01', '2024-04-30', '2025-06-30', '2026-06-30']);
          default:
            if (field === 'country') return pick(g, ['IT', 'DE', 'us', 'FR']);
            if (field === 'code') return pick(g, ['ADVANTAGE', 'VCSP']);
            return pick(g, ['a', 'ar', 'Cloud', 'x']);
        }
      },
    },
    [name],
  );
}

function printArguments(field: { args: readonly GraphQLArgument[] }, args: Record<string, unknown>): string {
  const entries = Object.entries(args);
  if (entries.length === 0 || field.args.length === 0) return '';
  return `(${entries.map(([key, value]) => `${key}: ${printInputValue(value as InputValue)}`).join(', ')})`;
}

function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && 'enum' in value) return (value as { enum: string }).enum;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** What the answer may not hold, as readable problems (empty: the answer keeps to the caller's scope). */
function problemsIn(response: GraphQLResponse, generated: Generated, view: ChannelView | null, counts: ModelCounts): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`HTTP ${response.status}`);
  for (const error of response.errors ?? []) {
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR' || error.extensions?.code === undefined)
      problems.push(`error ${String(error.extensions?.code)}: ${error.message}`);
  }
  if (!view) return problems;
  const asked = new Set(generated.query.match(ID_PATTERN) ?? []);
  // Any id anywhere in the answer (data, errors, extensions) must be one the caller may see, or one it sent.
  for (const id of new Set(JSON.stringify(response).match(ID_PATTERN) ?? [])) {
    if (!asked.has(id) && view.idsLike(id)?.has(id) === false) problems.push(`out-of-scope id ${id} in the answer`);
  }
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const typename = object.__typename as string | undefined;
    if (typename && typeof object.id === 'string') {
      const visible = view.idsOf(typename);
      if (visible && !visible.has(object.id)) problems.push(`${typename} ${object.id} is outside the caller's scope`);
      for (const figure of HOLDER_FIGURES[typename] ?? []) {
        if (!view.seesFiguresOf(typename, object.id) && object[figure] !== undefined && object[figure] !== null)
          problems.push(`${typename} ${object.id}.${figure} shown to a non-holder`);
      }
      if (typename === 'Partner' && typeof object.customerCount === 'number') {
        const expected = counts.customerCount(object.id);
        if (object.customerCount !== expected)
          problems.push(`Partner ${object.id} customerCount ${object.customerCount}, model ${expected}`);
      }
    }
    if (typename?.endsWith('Connection') && typeof object.totalCount === 'number') {
      const visible = view.idsOf(typename.replace(/Connection$/, ''));
      if (visible && object.totalCount > visible.size)
        problems.push(`${typename}.totalCount ${object.totalCount} > ${visible.size} visible`);
    }
    Object.values(object).forEach(walk);
  };
  walk(response.data);
  for (const root of generated.roots) {
    const answer = (response.data as Record<string, { totalCount?: number } | null> | undefined)?.[root.responseKey];
    if (typeof answer?.totalCount !== 'number') continue;
    const expected = counts.rootCount(root.field, root.args);
    if (expected !== null && answer.totalCount !== expected)
      problems.push(`${root.field}(${JSON.stringify(plain(root.args))}).totalCount ${answer.totalCount}, model ${expected}`);
  }
  return problems;
}

/** Counts as the reference model answers them for one caller (the same operation text, executed over the model). */
interface ModelCounts {
  customerCount(partnerId: string): number | null;
  rootCount(field: string, args: Record<string, unknown>): number | null;
}

function modelCounts(schema: GraphQLSchema, model: ChannelModel, identity: Identity): ModelCounts {
  const ask = (query: string) => {
    const answer = modelAnswer(model, query, {}, identity);
    return answer.errors ? null : ((answer.data?.r as { totalCount?: number; customerCount?: number } | null) ?? null);
  };
  return {
    customerCount: (partnerId) => ask(`{ r: partner(id: ${JSON.stringify(partnerId)}) { customerCount } }`)?.customerCount ?? null,
    rootCount: (field, args) => {
      const definition = schema.getQueryType()!.getFields()[field]!;
      return ask(`{ r: ${field}${printArguments(definition, args)} { totalCount } }`)?.totalCount ?? null;
    },
  };
}

describe(`scope fuzzer: generated operations for every role and several partners keep to the caller's visible set (${storeLabel()})`, () => {
  let stack: TestStack;
  let schema: GraphQLSchema;
  let callers: Caller[];
  /** The reference model over the stack's dataset: what each caller sees. */
  let model: ChannelModel;

  beforeAll(async () => {
    stack = await startTestStack();
    schema = buildSchema(fs.readFileSync(path.join(projectRoot(), 'client', 'api-schema.graphql'), 'utf8'));
    model = new ChannelModel(stack.dataset, today());
    const { agreements } = stack.dataset;
    const active = agreements.filter((a) => a.status === 'ACTIVE');
    const first = active[0]!;
    const second = active.find((a) => a.primaryId !== first.primaryId && a.secondaryId !== first.secondaryId)!;
    const partner = (role: 'PRIMARY' | 'SECONDARY', partnerId: string, label: string): Caller => ({
      label,
      identity: { subject: `fuzz-${label}`, role, partnerId },
    });
    callers = [
      partner('PRIMARY', first.primaryId, 'primary-1'),
      partner('SECONDARY', first.secondaryId, 'secondary-of-1'),
      partner('PRIMARY', second.primaryId, 'primary-2'),
      partner('SECONDARY', second.secondaryId, 'secondary-of-2'),
      { label: 'analyst', identity: { subject: 'fuzz-analyst', role: 'ANALYST', partnerId: null } },
      { label: 'anonymous', identity: null },
    ];
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it(
    'finds nothing outside the visible set, on any path',
    async () => {
      const data = stack.dataset;
      const problems: string[] = [];
      let sent = 0;
      const started = Date.now();
      const plans = fc.sample(fc.tuple(fc.nat({ max: callers.length - 1 }), fc.gen()), { numRuns: OPERATIONS, seed: SEED });
      for (const [callerIndex, g] of plans) {
        const caller = callers[callerIndex]!;
        const view = caller.identity ? model.visibleTo(caller.identity) : null;
        const pools = idPools(data, view, caller.identity?.partnerId ?? null);
        const generated = generateOperation(g, schema, pools);
        const headers = caller.identity ? await stack.authorization(caller.identity) : { authorization: '' };
        if (process.env.SCOPE_FUZZ_PRINT) console.log(`[${caller.label}] ${generated.query}`);
        const response = await graphql(stack.gatewayUrl, generated.query, {}, headers);
        sent += 1;
        const label = `[${caller.label}] ${generated.query.replace(/\s+/g, ' ')}`;
        if (!caller.identity) {
          if (response.status !== 401 || response.data !== undefined)
            problems.push(`${label}: anonymous got HTTP ${response.status} with data`);
          continue;
        }
        for (const problem of problemsIn(response, generated, view, modelCounts(schema, model, caller.identity)))
          problems.push(`${label}: ${problem}`);
        if (generated.outOfScopeId) {
          // The same operation with a nonexistent id instead: the answers must be the same apart from the id.
          const missing = MISSING[generated.outOfScopeId.slice(0, 3)]!;
          const absent = await graphql(stack.gatewayUrl, generated.query.replaceAll(generated.outOfScopeId, missing), {}, headers);
          sent += 1;
          // Errors of sibling fields come in the order they settle: compared as a set. The budget left
          // (extensions.rateLimit.remaining) moves with time between the two requests; it says nothing of the record.
          const shape = (r: GraphQLResponse, id: string) =>
            JSON.stringify({
              status: r.status,
              data: r.data,
              errors: r.errors?.map((e) => JSON.stringify(e, (key, value: unknown) => (key === 'remaining' ? undefined : value))).sort(),
            }).replaceAll(id, '<id>');
          if (shape(response, generated.outOfScopeId) !== shape(absent, missing))
            problems.push(
              `${label}: out-of-scope ${generated.outOfScopeId} answered ${shape(response, generated.outOfScopeId).slice(0, 300)} but missing ${shape(absent, missing).slice(0, 300)}`,
            );
        }
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `scope fuzzer: ${OPERATIONS} generated operations (${sent} requests) in ${seconds} s, seed ${SEED} (SCOPE_FUZZ_SEED=${SEED} SCOPE_FUZZ_OPERATIONS=${OPERATIONS} replays it): ${problems.length} problems`,
      );
      expect(problems.slice(0, 30)).toEqual([]);
    },
    10 * 60_000,
  );

  it('_entities on every subgraph answers out-of-scope representations exactly as nonexistent ones', async () => {
    const data = stack.dataset;
    const owned: Array<[Parameters<TestStack['askSubgraph']>[0], string, string]> = [
      ['licences', 'Licence', 'lic'],
      ['licences', 'WhiteLabelAgreement', 'wla'],
      ['licences', 'LicenceAllocation', 'alc'],
      ['customers', 'EndCustomer', 'cus'],
      ['customers', 'ServiceContract', 'ctr'],
      ['customers', 'CustomerMigration', 'mig'],
      ['programs', 'ProgramMembership', 'mbr'],
    ];
    let representations = 0;
    for (const caller of callers.filter((c) => c.identity?.partnerId)) {
      const pools = idPools(data, model.visibleTo(caller.identity!));
      for (const [subgraph, typename, prefix] of owned) {
        const pool = pools.byPrefix[prefix]!;
        const ids = [...pool.inScope.slice(0, 3), ...pool.outOfScope.slice(0, 3), MISSING[prefix]!];
        const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id } } }`;
        const response = await stack.askSubgraph<{ _entities: unknown[] }>(
          subgraph,
          query,
          { r: ids.map((id) => ({ __typename: typename, id })) },
          caller.identity!,
        );
        representations += ids.length;
        const expected = ids.map((id) => (pool.inScope.includes(id) ? { id } : null));
        expect({ caller: caller.label, typename, errors: response.errors, entities: response.data?._entities }).toEqual({
          caller: caller.label,
          typename,
          errors: undefined,
          entities: expected,
        });
      }
    }
    console.log(`scope fuzzer: ${representations} _entities representations checked`);
  });
});

/** Ids of each kind in and out of the caller's scope (a few of each, spread over the data). */
function idPools(data: Dataset, view: ChannelView | null, own: string | null = null): IdPools {
  const split = (ids: string[], visible: Set<string> | undefined) => {
    const inScope = ids.filter((id) => !visible || visible.has(id));
    const outOfScope = ids.filter((id) => visible && !visible.has(id));
    const spread = (list: string[]) => list.filter((_, index) => index % Math.max(1, Math.floor(list.length / 12)) === 0).slice(0, 12);
    return { inScope: spread(inScope), outOfScope: spread(outOfScope) };
  };
  const rows: Record<string, Array<{ id: string }>> = {
    lic: data.licences,
    cus: data.customers,
    wla: data.agreements,
    alc: data.allocations,
    ctr: data.contracts,
    mig: data.migrations,
    mbr: data.memberships,
  };
  return {
    byPrefix: Object.fromEntries(
      Object.entries(rows).map(([prefix, list]) => [
        prefix,
        split(
          list.map((x) => x.id),
          view?.idsLike(`${prefix}-`),
        ),
      ]),
    ),
    // Its own partner, its counterparts, competitors serving the same customers, strangers and an unknown id.
    partners: [
      ...new Set([
        ...(own ? [own] : []),
        ...data.agreements.filter((a) => a.primaryId === own || a.secondaryId === own).flatMap((a) => [a.primaryId, a.secondaryId]),
        ...data.contracts
          .filter((c) => view?.customers.has(c.customerId) && c.providerId !== own)
          .slice(0, 4)
          .map((c) => c.providerId),
        ...data.agreements.slice(0, 2).flatMap((a) => [a.primaryId, a.secondaryId]),
        MISSING.ptn!,
      ]),
    ],
  };
}
