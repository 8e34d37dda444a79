import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { shapeOf, type ListSize, type SupergraphPolicy } from './supergraph-policy';

/**
 * Demand control from the supergraph's `@cost` and `@listSize` (Federation 2.9, the IBM GraphQL
 * cost specification), estimated as Apollo Router's static estimate does, before anything is
 * planned or fetched:
 *
 * - an operation costs 10 if it is a mutation, 0 otherwise, plus its fields;
 * - a field costs `count × (type cost + its selections) + its arguments + what it @requires`:
 *   type cost is the field's `@cost`, else its type's, else 1 for objects (interfaces, unions) and
 *   0 for scalars and enums; count is 1, or for a list the size `@listSize` gives (the largest
 *   slicing argument sent, else that argument's default, else `assumedSize`), the size a parent's
 *   `@listSize(sizedFields:)` gives it (a connection's `edges`), else DEFAULT_LIST_SIZE;
 * - an argument costs its `@cost`, an input object 1 plus its fields, a list the sum of its items;
 * - `__typename`, introspection and fields skipped by a constant `@skip`/`@include` cost nothing.
 *
 * A named fragment's cost in one list-size context is computed once per operation, so a
 * document that spreads fragments many times over is still estimated in time linear in its size.
 */
export const DEFAULT_LIST_SIZE = 100;

export class CostEstimateFailed extends Error {
  override name = 'CostEstimateFailed';
}

interface Sizing {
  expected: number | null;
  sizedFields: readonly string[];
}

export class DemandControl {
  constructor(private readonly policy: SupergraphPolicy) {}

  /** The estimated cost of one operation of the document, with the request's variables (coerced with their defaults). */
  estimate(document: DocumentNode, operationName: string | null | undefined, rawVariables: Record<string, unknown> = {}): number {
    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
    if (!operation) throw new CostEstimateFailed(`No operation ${operationName ?? ''} in the document.`);
    const fragments = new Map(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const coerced = getVariableValues(this.policy.schema, operation.variableDefinitions ?? [], rawVariables);
    const variables: Record<string, unknown> = coerced.coerced ?? rawVariables;
    const fragmentCosts = new Map<string, number>();
    const rootType = this.policy.rootType(operation.operation);

    const selectionSetCost = (selectionSet: SelectionSetNode, typeName: string, sizing: Sizing | null): number => {
      let cost = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          cost += fieldCost(selection, typeName, sizing?.sizedFields.includes(selection.name.value) ? sizing.expected : null);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          cost += selectionSetCost(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, sizing);
        } else {
          const key = `${selection.name.value}|${sizing ? `${sizing.expected}|${sizing.sizedFields.join(',')}` : ''}`;
          let known = fragmentCosts.get(key);
          if (known === undefined) {
            const fragment = fragments.get(selection.name.value);
            known = fragment ? selectionSetCost(fragment.selectionSet, fragment.typeCondition.name.value, sizing) : 0;
            fragmentCosts.set(key, known);
          }
          cost += known;
        }
      }
      return cost;
    };

    const fieldCost = (field: FieldNode, parentType: string, sizeFromParent: number | null): number => {
      if (field.name.value.startsWith('__') || skipped(field.directives ?? [], variables)) return 0;
      const definition = this.policy.fieldDefinition(parentType, field.name.value);
      const fieldPolicy = this.policy.field(parentType, field.name.value);
      if (!definition || !fieldPolicy) throw new CostEstimateFailed(`Unknown field ${parentType}.${field.name.value}.`);
      const shape = shapeOf(definition);
      const sizing = fieldPolicy.listSize ? sizingOf(fieldPolicy.listSize, definition.args, field, variables) : null;
      const count = !shape.list ? 1 : (sizeFromParent ?? sizing?.expected ?? DEFAULT_LIST_SIZE);
      let typeCost = fieldPolicy.cost ?? this.policy.type(shape.named.name)?.cost ?? (shape.composite ? 1 : 0);
      if (field.selectionSet) typeCost += selectionSetCost(field.selectionSet, shape.named.name, sizing);
      let argumentsCost = 0;
      for (const argument of field.arguments ?? []) {
        argumentsCost += argumentCost(valueOf(argument.value, variables), fieldPolicy.argumentCosts.get(argument.name.value) ?? null);
      }
      const requiresCost = fieldPolicy.requires ? selectionSetCost(fieldPolicy.requires, parentType, sizing) : 0;
      return count * typeCost + argumentsCost + requiresCost;
    };

    return (operation.operation === OperationTypeNode.MUTATION ? 10 : 0) + selectionSetCost(operation.selectionSet, rootType, null);
  }
}

/** A value as sent: literals read, variables replaced by theirs. */
function valueOf(value: ValueNode, variables: Record<string, unknown>): unknown {
  return valueFromASTUntyped(value, variables);
}

/** Input objects cost 1 (or their argument's @cost) plus their fields; lists their items; other values their argument's @cost. */
function argumentCost(value: unknown, weight: number | null): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return (weight ?? 0) + value.reduce((sum: number, item) => sum + argumentCost(item, weight), 0);
  if (typeof value === 'object') {
    return (weight ?? 1) + Object.values(value as Record<string, unknown>).reduce((sum: number, item) => sum + argumentCost(item, null), 0);
  }
  return weight ?? 0;
}

function skipped(directives: readonly DirectiveNode[], variables: Record<string, unknown>): boolean {
  const condition = (name: string) => {
    const argument = directives
      .find((directive) => directive.name.value === name)
      ?.arguments?.find((candidate) => candidate.name.value === 'if');
    return argument ? valueOf(argument.value, variables) : undefined;
  };
  return condition('skip') === true || condition('include') === false;
}

function sizingOf(
  listSize: ListSize,
  argumentDefinitions: ReadonlyArray<{ name: string; defaultValue: unknown }>,
  field: FieldNode,
  variables: Record<string, unknown>,
): Sizing {
  const sizes = new Map<string, number>();
  for (const name of listSize.slicingArguments) {
    const fallback = argumentDefinitions.find((argument) => argument.name === name)?.defaultValue;
    if (Number.isInteger(fallback)) sizes.set(name, fallback as number);
    const given = field.arguments?.find((argument) => argument.name.value === name);
    const value = given ? valueOf(given.value, variables) : undefined;
    if (Number.isInteger(value)) sizes.set(name, value as number);
  }
  if (listSize.slicingArguments.length > 0 && listSize.requireOneSlicingArgument && sizes.size !== 1) {
    throw new CostEstimateFailed(
      `Exactly one of ${listSize.slicingArguments.join(', ')} is needed on ${field.name.value}, found ${sizes.size}.`,
    );
  }
  const expected = sizes.size > 0 ? Math.max(0, ...sizes.values()) : listSize.assumedSize;
  return { expected, sizedFields: listSize.sizedFields };
}

/** The estimate of one request, or the refusal of an operation whose cost cannot be estimated (both gateways). */
export function estimateOrRefuse(
  demandControl: DemandControl,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number {
  try {
    return Math.ceil(demandControl.estimate(document, operationName, variables));
  } catch (error) {
    if (!(error instanceof CostEstimateFailed)) throw error;
    throw new GraphQLError(`The operation's cost cannot be estimated: ${error.message}`, {
      extensions: { code: 'COST_QUERY_PARSE_FAILURE', http: { status: 400 } },
    });
  }
}

/** The refusal of an operation above MAX_QUERY_COST (both gateways). */
export function tooExpensive(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `This operation's estimated cost is ${cost}, above the maximum of ${maxCost}: ask for smaller pages (first) or fewer nested lists.`,
    { extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated: cost, max: maxCost }, http: { status: 400 } } },
  );
}

/**
 * The estimate as an Apollo Server plugin: an operation costing more than `maxCost` is refused
 * before it is planned, HTTP 400 COST_ESTIMATED_TOO_EXPENSIVE. `costOf` gives other plugins (the
 * rate limit) the same figure for the same request.
 */
export function demandControlPlugin<TContext extends BaseContext>(demandControl: DemandControl, maxCost: number) {
  const costs = new WeakMap<object, number>();
  const costOf = (requestContext: GraphQLRequestContextDidResolveOperation<TContext>): number => {
    let cost = costs.get(requestContext.request);
    if (cost === undefined) {
      cost = estimateOrRefuse(demandControl, requestContext.document, requestContext.operationName, requestContext.request.variables ?? {});
      costs.set(requestContext.request, cost);
    }
    return cost;
  };
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const cost = costOf(requestContext);
          if (cost > maxCost) throw tooExpensive(cost, maxCost);
        },
      };
    },
  };
  return { plugin, costOf };
}
