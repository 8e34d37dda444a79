import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { loadConfig } from '../common/config';
import { projectRoot, schemaPath } from '../common/paths';
import { generateDataset } from '../demo/generator';
import { exampleVariables } from '../demo/operation-examples';
import { DEFAULT_LIST_SIZE, DemandControl } from './demand-control';
import { shapeOf, SupergraphPolicy } from './supergraph-policy';

const supergraph = new SupergraphPolicy(fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'));
const demand = new DemandControl(supergraph);
const estimate = (query: string, variables: Record<string, unknown> = {}) => demand.estimate(parse(query), undefined, variables);

describe('demand control on the supergraph the build writes (costs worked out by hand)', () => {
  it('a connection costs its object, `first` edges and what each edge selects; totalCount its @cost', () => {
    // partners: PartnerConnection 1 + totalCount @cost 5 + edges 5 × (edge 1 + node Partner 1); scalars 0.
    expect(estimate('{ partners(first: 5) { totalCount edges { node { id name } } } }')).toBe(1 + 5 + 5 * (1 + 1));
  });

  it('takes the page size from a variable, else the argument default (20); an input object argument costs 1', () => {
    const query = 'query ($n: Int, $filter: PartnerFilter) { partners(first: $n, filter: $filter) { edges { node { id } } } }';
    expect(estimate(query, { n: 50, filter: { region: 'EMEA' } })).toBe(1 + 50 * 2 + 1);
    expect(estimate(query, {})).toBe(1 + 20 * 2);
    expect(estimate('query ($n: Int = 7) { partners(first: $n) { edges { cursor } } }')).toBe(1 + 7 * 1);
  });

  it('multiplies nested lists: @listSize(assumedSize) inside a page, through a fragment', () => {
    // node: Partner 1 + licences (assumedSize 5) × Licence 1; edges 3 × (1 + 6); connection 1.
    const query = '{ partners(first: 3) { edges { node { ...P } } } } fragment P on Partner { licences { id } }';
    expect(estimate(query)).toBe(1 + 3 * (1 + 1 + 5 * 1));
  });

  it('a mutation costs 10, its payload and refusals list (assumedSize 5) and its input object', () => {
    const mutation =
      'mutation { createPartner(input: {name: "N", country: "IT", region: EMEA, category: SOVEREIGN_CLOUD}) { partner { id } errors { code message } } }';
    expect(estimate(mutation)).toBe(10 + (1 + 1 + 5 * 1) + 1);
  });

  it('channel-wide figures weigh their @cost; skipped fields and __typename cost nothing', () => {
    expect(estimate('{ channelOverview { partnersByChannelStatus { status partners } } }')).toBe(50 + 5 * 1);
    expect(estimate('{ __typename partners(first: 100) @skip(if: true) { totalCount } viewer { role } }')).toBe(1);
    expect(estimate('query ($no: Boolean!) { partners @include(if: $no) { totalCount } }', { no: false })).toBe(0);
  });

  it('every documented operation, with its example variables, is within MAX_QUERY_COST (default)', () => {
    const examples = exampleVariables(generateDataset('demo'));
    const maxCost = loadConfig({}).limits.maxCost;
    const directory = path.join(projectRoot(), 'schema', 'operations');
    const costs = Object.fromEntries(
      fs.readdirSync(directory).map((file) => {
        const name = file.replace('.graphql', '');
        return [name, estimate(fs.readFileSync(path.join(directory, file), 'utf8'), examples[name] ?? {})];
      }),
    );
    expect(Object.keys(costs).length).toBeGreaterThanOrEqual(12);
    for (const [name, cost] of Object.entries(costs))
      expect({ name, withinLimit: cost > 0 && cost <= maxCost }).toEqual({ name, withinLimit: true });
  });
});

describe('@listSize(assumedSize) of unpaged lists', () => {
  it('is at least the longest such list in the full-scale demo data', () => {
    const data = generateDataset('full');
    const longest = <T>(rows: T[], key: (row: T) => string | null) => {
      const counts = new Map<string, number>();
      for (const row of rows) {
        const value = key(row);
        if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return Math.max(0, ...counts.values());
    };
    const primaryOf = new Map(data.agreements.map((agreement) => [agreement.id, agreement.primaryId]));
    const measured: Record<string, number> = {
      'WhiteLabelAgreement.allocations': longest(data.allocations, (allocation) => allocation.agreementId),
      'ResellerBranch.allocations': longest(data.allocations, (allocation) => allocation.agreementId),
      'Licence.allocations': longest(data.allocations, (allocation) => allocation.licenceId),
      'LicenceAllocation.contracts': longest(data.contracts, (contract) => contract.allocationId),
      'Licence.contracts': longest(data.contracts, (contract) => (contract.allocationId ? null : contract.licenceId)),
      'EndCustomer.contracts': longest(data.contracts, (contract) => contract.customerId),
      'EndCustomer.migrations': longest(data.migrations, (migration) => migration.customerId),
      'Partner.licences': longest(data.licences, (licence) => licence.holderId),
      'Partner.memberships': longest(data.memberships, (membership) => membership.partnerId),
      'Partner.allocationsGranted': longest(data.allocations, (allocation) => primaryOf.get(allocation.agreementId)!),
      'Partner.allocationsReceived': longest(data.allocations, (allocation) => allocation.secondaryId),
      'Partner.whiteLabelAgreements': Math.max(
        longest(data.agreements, (agreement) => agreement.primaryId),
        longest(data.agreements, (agreement) => agreement.secondaryId),
      ),
      'ResellerNetwork.secondaries': longest(data.agreements, (agreement) => agreement.primaryId),
      'Query.programs': data.programs.length,
    };
    for (const [coordinate, count] of Object.entries(measured)) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const assumed = supergraph.field(typeName, fieldName)?.listSize?.assumedSize;
      expect({ coordinate, holds: assumed !== null && assumed !== undefined && assumed >= count && count > 0 }).toEqual({
        coordinate,
        holds: true,
      });
    }
  }, 60_000);

  it('is declared on every list of objects in the API, and every connection is sized by `first`, so no estimate falls back to DEFAULT_LIST_SIZE', () => {
    const unsized: string[] = [];
    for (const [coordinate, rule] of supergraph.fields()) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const definition = supergraph.fieldDefinition(typeName, fieldName)!;
      const inaccessible = definition.astNode?.directives?.some((directive) => directive.name.value === 'inaccessible');
      const shape = shapeOf(definition);
      const sizedByParent = fieldName === 'edges';
      if (shape.list && shape.composite && !inaccessible && !rule.listSize && !sizedByParent && !typeName.startsWith('join__'))
        unsized.push(coordinate);
      // A connection's edges are sized by the field returning it.
      if (shape.named.name.endsWith('Connection') && !rule.listSize?.sizedFields.includes('edges')) unsized.push(coordinate);
    }
    expect(unsized).toEqual([]);
  });
});

describe('demand control, the algorithm on a small supergraph', () => {
  const sdl = `
    schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION)
      @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost", "@listSize"]) { query: Query }
    directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
    directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
    directive @join__field(graph: String, requires: String) repeatable on FIELD_DEFINITION
    directive @link(url: String, as: String, for: String, import: [String]) repeatable on SCHEMA
    type Query {
      items(first: Int, last: Int): [Item] @listSize(slicingArguments: ["first", "last"], requireOneSlicingArgument: false)
      strict(first: Int, last: Int): [Item] @listSize(slicingArguments: ["first", "last"])
      unsized: [Item]
      search(text: String @cost(weight: 3)): Item
    }
    type Heavy @cost(weight: 7) { id: ID }
    type Item { id: ID weight: Int heavy: Heavy price: Int @join__field(graph: "B", requires: "heavy { id } weight") children: [Item] @listSize(assumedSize: 4) }
  `;
  const smallPolicy = new SupergraphPolicy(sdl);
  const small = new DemandControl(smallPolicy);
  const cost = (query: string, variables: Record<string, unknown> = {}) => small.estimate(parse(query), undefined, variables);

  it('takes the largest slicing argument given; requireOneSlicingArgument refuses two', () => {
    expect(cost('{ items(first: 2, last: 9) { id } }')).toBe(9);
    expect(() => cost('{ strict(first: 2, last: 9) { id } }')).toThrow(/Exactly one of first, last/);
    expect(() => cost('{ strict { id } }')).toThrow(/found 0/);
  });

  it('a list without @listSize counts DEFAULT_LIST_SIZE items; a type @cost replaces the object cost of 1', () => {
    expect(cost('{ unsized { heavy { id } } }')).toBe(DEFAULT_LIST_SIZE * (1 + 7));
  });

  it('adds the cost of what a field @requires, and the @cost of arguments sent', () => {
    // price: Int 0 + requires (heavy 7 + weight 0); search: Item 1 + argument @cost 3.
    expect(cost('{ search(text: "x") { price } }')).toBe(1 + 7 + 3);
    expect(cost('{ search { id } }')).toBe(1);
  });

  it('estimates a fragment spread millions of times over by looking at each fragment once per list size', () => {
    // Each fragment spreads the next one four times: 4^10 spreads of the last fragment once expanded.
    const fragments = Array.from({ length: 10 }, (_, level) =>
      level === 9
        ? `fragment F9 on Item { id }`
        : `fragment F${level} on Item { children { ...F${level + 1} a1: children { ...F${level + 1} } a2: children { ...F${level + 1} } a3: children { ...F${level + 1} } } }`,
    );
    const lookups = jest.spyOn(smallPolicy, 'fieldDefinition');
    const estimated = cost(`{ unsized { ...F0 } } ${fragments.join(' ')}`);
    expect(estimated).toBeGreaterThan(16 ** 9);
    // One look-up per field written (1 + 4 per fragment), not per field reached once expanded (more than 4^10).
    expect(lookups.mock.calls.length).toBe(1 + 9 * 4 + 1);
  });
});
