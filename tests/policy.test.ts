import fs from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { SUBGRAPH_NAMES } from '../common/config';
import { ROLES, type Identity, type Role } from '../common/identity';
import { schemaPath } from '../common/paths';
import { shapeOf, SupergraphPolicy } from '../gateway/supergraph-policy';
import { graphql } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const policy = new SupergraphPolicy(fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'));

/** A literal any validator accepts for a required input (the ids name nothing stored: a write that runs is refused by its rules). */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return `{${required.map((field: GraphQLInputField) => `${field.name}: ${literal(field.type)}`).join(', ')}}`;
  }
  if (isScalarType(type))
    return ({ Int: '1', Float: '1', Boolean: 'true', Date: '"2026-06-30"' } as Record<string, string>)[type.name] ?? '"policy-test"';
  throw new Error(`No literal for ${String(type)}`);
}

/** The operation asking for one restricted root field with its required arguments, and `__typename` of what it returns. */
function operationFor(coordinate: string): string {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const field = policy.fieldDefinition(typeName, fieldName)!;
  const args = field.args.filter((argument: GraphQLArgument) => isNonNullType(argument.type) && argument.defaultValue === undefined);
  const argumentList = args.length ? `(${args.map((argument) => `${argument.name}: ${literal(argument.type)}`).join(', ')})` : '';
  const selection = shapeOf(field).composite ? ' { __typename }' : '';
  return `${typeName === 'Mutation' ? 'mutation' : 'query'} { ${fieldName}${argumentList}${selection} }`;
}

/** Operations the four subgraphs have answered so far (their /metrics), to see whether a request reached any. */
async function subgraphOperations(stack: TestStack): Promise<number> {
  let total = 0;
  for (const name of SUBGRAPH_NAMES) {
    const text = await (await fetch(`http://127.0.0.1:${stack.subgraphs[name].port}/metrics`)).text();
    for (const line of text.split('\n')) if (line.startsWith('graphql_operations_total{')) total += Number(line.split(' ').at(-1));
  }
  return total;
}

const restricted = [...policy.fields()]
  .filter(([coordinate, rule]) => rule.scopes && (coordinate.startsWith('Query.') || coordinate.startsWith('Mutation.')))
  // Fields between services only (@inaccessible) are not in the public API at all.
  .filter(
    ([coordinate]) =>
      !policy
        .fieldDefinition(...(coordinate.split('.') as [string, string]))!
        .astNode?.directives?.some((d) => d.name.value === 'inaccessible'),
  )
  .map(([coordinate, rule]) => ({ coordinate, roles: ROLES.filter((role) => rule.scopes!.some((scopes) => scopes.includes(role))) }));

describe(`the supergraph's policy at the gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  const identity = (role: Role): Identity => ({
    subject: `policy-${role}`,
    role,
    partnerId:
      role === 'PRIMARY' ? stack.dataset.partners.find((p) => p.id)!.id : role === 'SECONDARY' ? stack.dataset.partners.at(-1)!.id : null,
  });

  beforeAll(async () => {
    stack = await startTestStack();
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('covers the channel-wide figures, the audit trails and every mutation', () => {
    expect(restricted.length).toBeGreaterThanOrEqual(2 + 4 + 16);
  });

  it('every role against every restricted root field: refused at the gateway (nothing reaches a subgraph) unless its role is listed', async () => {
    for (const { coordinate, roles } of restricted) {
      const query = operationFor(coordinate);
      const fieldName = coordinate.split('.')[1]!;
      for (const role of ROLES) {
        const before = await subgraphOperations(stack);
        const response = await graphql(stack.gatewayUrl, query, {}, await stack.authorization(identity(role)));
        const reached = (await subgraphOperations(stack)) > before;
        const refusal = response.errors?.find((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.[0] === fieldName);
        const outcome = {
          coordinate,
          role,
          status: response.status,
          reachedSubgraph: reached,
          refusedAtGateway: Boolean(refusal && !reached),
        };
        if (roles.includes(role))
          expect(outcome).toEqual({ coordinate, role, status: 200, reachedSubgraph: true, refusedAtGateway: false });
        else {
          expect(outcome).toEqual({ coordinate, role, status: 200, reachedSubgraph: false, refusedAtGateway: true });
          expect(refusal!.message).toContain(`not for the ${role} role`);
        }
      }
    }
  }, 240_000);

  it('a refused field is null with FORBIDDEN at its path; being non-null, it nulls the answer, as GraphQL requires', async () => {
    const partner = await stack.authorization(identity('PRIMARY'));
    const before = await subgraphOperations(stack);
    const response = await graphql(stack.gatewayUrl, '{ viewer { role } channelOverview { licensedCores } }', {}, partner);
    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['channelOverview'], 'FORBIDDEN']]);
    // The rest of the operation ran (viewer), without the refused field: the programs subgraph never saw channelOverview.
    expect(await subgraphOperations(stack)).toBe(before + 1);
  });

  it('the subgraphs keep their own wall: the same fields asked of them directly, as a partner, are refused there too', async () => {
    const primary = identity('PRIMARY');
    const overview = await stack.askSubgraph('programs', '{ channelOverview { id } }', {}, primary);
    expect(overview.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const trail = await stack.askSubgraph('partners', '{ partnersAuditTrail(first: 1) { totalCount } }', {}, primary);
    expect(trail.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const write = await stack.askSubgraph(
      'partners',
      'mutation { createPartner(input: {name: "Direct", country: "IT", region: EMEA, category: SOVEREIGN_CLOUD}) { partner { id } } }',
      {},
      identity('ANALYST'),
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an operation over MAX_QUERY_COST is refused before planning with COST_ESTIMATED_TOO_EXPENSIVE; its estimate is what rate limits take', async () => {
    const cheap = await graphql(stack.gatewayUrl, '{ partners(first: 5) { totalCount edges { node { id name } } } }');
    expect(cheap.errors).toBeUndefined();
    expect((cheap as unknown as { extensions?: { rateLimit?: { cost: number } } }).extensions?.rateLimit?.cost).toBe(1 + 5 + 5 * 2);
    const before = await subgraphOperations(stack);
    const nested =
      'query ($n: Int) { partners(first: $n) { edges { node { licences { allocations { contracts { customer { contracts { id } } } } } } } } }';
    const expensive = await graphql(stack.gatewayUrl, nested, { n: 100 });
    expect(expensive.status).toBe(400);
    expect(expensive.errors?.[0]?.extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    expect(expensive.errors?.[0]?.extensions?.cost).toEqual({ estimated: expect.any(Number), max: stack.config.limits.maxCost });
    expect(await subgraphOperations(stack)).toBe(before);
  });
});
