import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import { startTestStack, type TestStack } from './kit/stack';
import { snapshotStore, storeChanges } from './kit/store-snapshot';
import { storeLabel } from './kit/store';
import { inputValue, printInputValue, type InputValue } from './kit/input-values';

/*
 * Every String and ID argument and input field of the public API has a documented maximum length
 * (README, "Hostile queries"): generated from the schema (client/api-schema.graphql), not from a
 * list, each one is checked to state its limit ("At most N characters.") and, sent one character
 * longer in an operation that reaches it, to be refused BAD_USER_INPUT naming it and the limit (a
 * mutation's payload error at the input field, or an error at the field), writing nothing.
 */

const VENDOR: Identity = { subject: 'text-limits', role: 'VENDOR', partnerId: null };
const LIMIT = /At most (\d+) characters\./;

interface Place {
  /** `Query.partners(filter.nameContains)`, `Mutation.openServiceContract(input.customerId)`. */
  label: string;
  /** The name the refusal names: the argument path (`filter.nameContains`) or the input field (`customerId`). */
  named: string;
  limit: number | null;
  mutation: boolean;
  operation: string;
}

/** A value GraphQL accepts for the type (the length check runs before any rule reads it). */
function sample(type: GraphQLInputType, override: { at: string[]; value: string } | null, here: string[]): string {
  const scalars: Record<string, InputValue> = { Int: 1, Float: 1, Boolean: false, Date: '2026-07-01' };
  return printInputValue(
    inputValue(
      type,
      {
        fixed: (path) => (override && override.at.join('.') === path.join('.') ? override.value : undefined),
        optional: (_field, path) => Boolean(override?.at.join('.').startsWith(path.join('.'))),
        enumValue: (enumType) => enumType.getValues()[0]!.name,
        scalar: (scalar) => scalars[scalar.name] ?? 'x',
      },
      here,
    ),
  );
}

/** Every String or ID under an argument: its path below the argument, and its description's limit. */
function textPlaces(type: GraphQLInputType, description: string | null | undefined, at: string[], seen = new Set<string>()) {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (seen.has(named.name)) return [];
    const places: Array<{ at: string[]; limit: number | null }> = [];
    for (const field of Object.values(named.getFields()))
      places.push(...textPlaces(field.type, field.description, [...at, field.name], new Set([...seen, named.name])));
    return places;
  }
  if (named.name !== 'String' && named.name !== 'ID') return [];
  const limit = LIMIT.exec(description ?? '');
  return [{ at, limit: limit ? Number(limit[1]) : null }];
}

/** How to reach each object type from the root: a selection with a hole (`%`) where the type's field goes. */
function waysIn(schema: GraphQLSchema): Map<string, string> {
  const ways = new Map<string, string>([['Query', '@HOLE@']]);
  const queue: GraphQLObjectType[] = [schema.getQueryType()!];
  while (queue.length > 0) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (!isObjectType(target) || ways.has(target.name)) continue;
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined && arg.name !== 'id')) continue;
      const args = field.args.some((arg) => arg.name === 'id')
        ? '(id: "@ID@")'
        : field.args.some((a) => a.name === 'first')
          ? '(first: 1)'
          : '';
      ways.set(target.name, ways.get(type.name)!.replace('@HOLE@', `${field.name}${args} { __typename @HOLE@ } `));
      queue.push(target);
    }
  }
  return ways;
}

function places(schema: GraphQLSchema): Place[] {
  const result: Place[] = [];
  const ways = waysIn(schema);
  const mutationType = schema.getMutationType()!;
  const consider = (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, mutation: boolean) => {
    for (const arg of field.args) {
      for (const place of textPlaces(arg.type, arg.description, [arg.name])) {
        const value = 'x'.repeat((place.limit ?? 100_000) + 1);
        const args = field.args
          .filter((a) => a === arg || (isNonNullType(a.type) && a.defaultValue === undefined))
          .map((a) => `${a.name}: ${sample(a.type, a === arg ? { at: place.at, value } : null, [a.name])}`);
        const named = getNamedType(field.type);
        const selection = isObjectType(named) ? (named.getFields().errors ? ' { errors { code message field } }' : ' { __typename }') : '';
        const call = `${field.name}(${args.join(', ')})${selection}`;
        const way = mutation ? '@HOLE@' : ways.get(type.name);
        if (!way) throw new Error(`no way into ${type.name} from the root`);
        result.push({
          label: `${type.name}.${field.name}(${place.at.join('.')})`,
          named: mutation && place.at.length > 1 ? place.at.at(-1)! : place.at.join('.'),
          limit: place.limit,
          mutation,
          operation: `${mutation ? 'mutation' : 'query'} { ${way.replace('@HOLE@', call)} }`,
        });
      }
    }
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) consider(type, field, type === mutationType);
  }
  return result;
}

describe(`every String and ID argument has a documented maximum length, enforced (${storeLabel()})`, () => {
  let stack: TestStack;
  const schema = buildSchema(fs.readFileSync(path.join(projectRoot(), 'client', 'api-schema.graphql'), 'utf8'));
  const all = places(schema);

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('every one states its limit in the schema', () => {
    expect(all.filter((place) => place.limit === null).map((place) => place.label)).toEqual([]);
    expect(all.length).toBeGreaterThan(60);
  });

  it('one character over the limit is BAD_USER_INPUT naming the argument and the limit, and writes nothing', async () => {
    const before = await snapshotStore(stack.dataSources);
    const ids: Record<string, string> = {
      Partner: stack.dataset.partners[0]!.id,
      Licence: stack.dataset.licences[0]!.id,
      WhiteLabelAgreement: stack.dataset.agreements[0]!.id,
      EndCustomer: stack.dataset.customers[0]!.id,
    };
    const problems: string[] = [];
    for (const place of all.filter((p) => p.limit !== null)) {
      // A root with an id argument leads to its record: one that exists (partner, licence, agreement, customer).
      const root = /^query \{ (\w+)\(id: "@ID@"\)/.exec(place.operation)?.[1];
      const typeOfRoot = root ? getNamedType(schema.getQueryType()!.getFields()[root]!.type).name : null;
      const text = place.operation.replace('@ID@', typeOfRoot ? (ids[typeOfRoot] ?? 'none') : 'none');
      const response = await stack.as(VENDOR, text, {});
      const payloadErrors = Object.values(
        (response.data ?? {}) as Record<string, { errors?: Array<{ code: string; message: string; field: string[] }> }>,
      ).flatMap((payload) => payload?.errors ?? []);
      const errors = [...(response.errors ?? []).map((e) => ({ code: e.extensions?.code, message: e.message })), ...payloadErrors];
      const refusal = errors.find(
        (e) => e.code === 'BAD_USER_INPUT' && e.message.includes(place.named) && e.message.includes(`at most ${place.limit}`),
      );
      if (!refusal || response.status >= 500)
        problems.push(`${place.label}: HTTP ${response.status} ${JSON.stringify(errors).slice(0, 300)}`);
    }
    console.log(
      `text limits: ${all.length} String/ID arguments and input fields, each sent one character over its limit on ${storeLabel()}`,
    );
    expect(problems).toEqual([]);
    expect(storeChanges(before, await snapshotStore(stack.dataSources))).toEqual({});
  });
});
