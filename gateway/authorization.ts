import { createHash } from 'node:crypto';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import {
  GraphQLError,
  Kind,
  print,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Identity } from '../common/identity';
import { shapeOf, type AccessRule, type SupergraphPolicy } from './supergraph-policy';

/**
 * Authorization from the supergraph's `@authenticated` and `@requiresScopes` (roles are the
 * scopes), enforced as Apollo Router does before the operation is planned: the fields the caller
 * may not reach are taken out of the operation, the rest runs, and each field taken out is `null`
 * in the answer with an error at its path (null propagates as GraphQL's rules say when the field
 * is non-null, e.g. a mutation's payload). Nothing of a refused field reaches a subgraph. The
 * error's code is the project's `FORBIDDEN` (Apollo Router says `UNAUTHORIZED_FIELD_OR_TYPE`),
 * so a client sees the same refusal whichever wall refused: the subgraphs keep their own checks.
 */

/** A field taken out: its response path (list levels walked through) and the shapes needed to put null there. */
interface Removal {
  path: Array<{ key: string; nonNull: boolean; list: boolean; itemNonNull: boolean }>;
  coordinate: string;
}

export interface AuthorizationDecision {
  /** The operation as it may run (the same document when nothing was taken out); null when nothing of it may run. */
  document: DocumentNode | null;
  removals: Removal[];
}

/** Beyond this many fields taken out (through fragments spread many times) the operation is refused whole. */
const MAX_REMOVALS = 100;

export class Authorization {
  constructor(private readonly policy: SupergraphPolicy) {}

  /**
   * Whether a caller meets a rule: any caller for @authenticated; for @requiresScopes all scopes of one alternative.
   * It reads the role alone, and answers shared in flight skip it for the callers that join them
   * (gateway/in-flight.ts): whatever else it ever reads must be part of `sharingKey`.
   */
  allows(rule: AccessRule | undefined, identity: Identity | null): boolean {
    if (!rule) return true;
    if ((rule.authenticated || rule.scopes) && !identity) return false;
    if (!rule.scopes || !identity) return true;
    const held = new Set<string>([identity.role]);
    return rule.scopes.some((alternative) => alternative.every((scope) => held.has(scope)));
  }

  /** What of the operation the caller may run. */
  decide(document: DocumentNode, operationName: string | null | undefined, identity: Identity | null): AuthorizationDecision {
    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
    if (!operation) return { document, removals: [] };
    const fragments = new Map(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const reachable = (typeName: string, fieldName: string): boolean => {
      const definition = this.policy.fieldDefinition(typeName, fieldName);
      if (!definition) return true; // introspection and __typename: answered by the gateway itself
      return (
        this.allows(this.policy.field(typeName, fieldName), identity) &&
        this.allows(this.policy.type(shapeOf(definition).named.name), identity)
      );
    };

    // Each fragment is filtered once: whether a field may be reached depends on its type and name only.
    const filteredFragments = new Map<string, SelectionSetNode | null>();
    let removedAny = false;
    const filterSet = (selectionSet: SelectionSetNode, typeName: string): SelectionSetNode | null => {
      const kept: SelectionNode[] = [];
      let changed = false;
      for (const selection of selectionSet.selections) {
        let next: SelectionNode | null = selection;
        if (selection.kind === Kind.FIELD) {
          if (!reachable(typeName, selection.name.value)) {
            next = null;
            removedAny = true;
          } else if (selection.selectionSet) {
            const childType = this.childType(typeName, selection.name.value);
            const inner = childType ? filterSet(selection.selectionSet, childType) : selection.selectionSet;
            next = inner === selection.selectionSet ? selection : inner ? { ...selection, selectionSet: inner } : null;
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const inner = filterSet(selection.selectionSet, selection.typeCondition?.name.value ?? typeName);
          next = inner === selection.selectionSet ? selection : inner ? { ...selection, selectionSet: inner } : null;
        } else {
          const name = selection.name.value;
          if (!filteredFragments.has(name)) {
            const fragment = fragments.get(name);
            filteredFragments.set(name, fragment ? filterSet(fragment.selectionSet, fragment.typeCondition.name.value) : null);
          }
          if (filteredFragments.get(name) === null) next = null;
        }
        if (next !== selection) changed = true;
        if (next) kept.push(next);
      }
      if (!changed) return selectionSet;
      return kept.length > 0 ? { ...selectionSet, selections: kept } : null;
    };
    const rootType = this.policy.rootType(operation.operation);
    const rootSet = filterSet(operation.selectionSet, rootType);
    if (!removedAny) return { document, removals: [] };

    const removals = this.removals(operation, rootType, fragments, reachable);
    if (!rootSet) return { document: null, removals };
    const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
      if (definition === operation) return [{ ...operation, selectionSet: rootSet }];
      if (definition.kind === Kind.OPERATION_DEFINITION) return [];
      if (definition.kind !== Kind.FRAGMENT_DEFINITION) return [definition];
      const filtered = filteredFragments.get(definition.name.value);
      if (filtered === undefined) return [definition];
      return filtered ? [{ ...definition, selectionSet: filtered }] : [];
    });
    // Fragments whose only spreads were taken out are left out too (GraphQL refuses unused fragments).
    return { document: dropUnusedFragments({ ...document, definitions }), removals };
  }

  /** Where each field taken out sits in the answer (list levels walked through), up to MAX_REMOVALS + 1. */
  private removals(
    operation: OperationDefinitionNode,
    rootType: string,
    fragments: Map<string, FragmentDefinitionNode>,
    reachable: (typeName: string, fieldName: string) => boolean,
  ): Removal[] {
    const found: Removal[] = [];
    const walk = (selectionSet: SelectionSetNode, typeName: string, path: Removal['path']): void => {
      for (const selection of selectionSet.selections) {
        if (found.length > MAX_REMOVALS) return;
        if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, path);
        else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          if (fragment) walk(fragment.selectionSet, fragment.typeCondition.name.value, path);
        } else {
          const definition = this.policy.fieldDefinition(typeName, selection.name.value);
          if (!definition) continue;
          const shape = shapeOf(definition);
          const step = {
            key: (selection.alias ?? selection.name).value,
            nonNull: shape.nonNull,
            list: shape.list,
            itemNonNull: shape.itemNonNull,
          };
          if (!reachable(typeName, selection.name.value))
            found.push({ path: [...path, step], coordinate: `${typeName}.${selection.name.value}` });
          else if (selection.selectionSet) walk(selection.selectionSet, shape.named.name, [...path, step]);
        }
      }
    };
    walk(operation.selectionSet, rootType, []);
    return found;
  }

  private childType(typeName: string, fieldName: string): string | null {
    const definition = this.policy.fieldDefinition(typeName, fieldName);
    return definition ? shapeOf(definition).named.name : null;
  }
}

function dropUnusedFragments(document: DocumentNode): DocumentNode {
  const used = new Set<string>();
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const visit = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (used.has(selection.name.value)) continue;
        used.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      } else if (selection.selectionSet) visit(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet);
  return {
    ...document,
    definitions: document.definitions.filter(
      (definition) => definition.kind !== Kind.FRAGMENT_DEFINITION || used.has(definition.name.value),
    ),
  };
}

function refusal(removal: Removal, identity: Identity | null): GraphQLError {
  const who = identity ? `the ${identity.role} role` : 'an anonymous caller';
  return new GraphQLError(
    `${removal.coordinate} is not for ${who}: the supergraph's @requiresScopes/@authenticated policy leaves it out.`,
    {
      path: removal.path.map((step) => step.key),
      extensions: { code: 'FORBIDDEN' },
    },
  );
}

/** Puts null where a field was taken out, in every list item on the way; returns whether `parent` itself must become null. */
function nullAt(parent: Record<string, unknown>, path: Removal['path'], index: number): boolean {
  const step = path[index]!;
  if (index === path.length - 1) {
    parent[step.key] = null;
    return step.nonNull;
  }
  const child = parent[step.key];
  if (child === null || child === undefined || typeof child !== 'object') return false;
  let childBecomesNull = false;
  if (Array.isArray(child)) {
    child.forEach((item: unknown, position) => {
      if (item && typeof item === 'object' && nullAt(item as Record<string, unknown>, path, index + 1)) {
        if (step.itemNonNull) childBecomesNull = true;
        else child[position] = null;
      }
    });
  } else childBecomesNull = nullAt(child as Record<string, unknown>, path, index + 1);
  if (!childBecomesNull) return false;
  parent[step.key] = null;
  return step.nonNull;
}

/** The answer to the operation as asked: the filtered operation's answer with null (and an error) where each field was taken out. */
export function withRemovals(result: GatewayExecutionResult, removals: Removal[], identity: Identity | null): GatewayExecutionResult {
  let data: Record<string, unknown> | null = result.data === undefined ? {} : (result.data as Record<string, unknown> | null);
  if (data) for (const removal of removals) if (data && nullAt(data, removal.path, 0)) data = null;
  return { ...result, data, errors: [...removals.map((removal) => refusal(removal, identity)), ...(result.errors ?? [])] };
}

/**
 * The gateway with authorization in front of its executor (either planner): the executor sees only
 * what the caller may reach, under its own query hash, so a plan made for one role is never reused
 * for another.
 */
export function withAuthorization(
  gateway: GatewayInterface,
  authorization: Authorization,
  identityOf: (requestContext: GatewayGraphQLRequestContext) => Identity | null,
): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      const inner = loaded.executor;
      if (!inner) return loaded;
      const executor: GatewayExecutor = async (requestContext) => {
        const identity = identityOf(requestContext);
        const decision = authorization.decide(requestContext.document, requestContext.operationName, identity);
        if (decision.removals.length === 0) return inner(requestContext);
        // So many fields taken out (fragments spread over and over) that the answer is refused whole, as Router's reject mode does.
        if (decision.removals.length > MAX_REMOVALS) {
          return { errors: decision.removals.slice(0, MAX_REMOVALS).map((removal) => refusal(removal, identity)) };
        }
        if (!decision.document) return withRemovals({ data: {} }, decision.removals, identity);
        const source = print(decision.document);
        const operation = decision.document.definitions.find(
          (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
        )!;
        const result = await inner({
          ...requestContext,
          document: decision.document,
          operation,
          source,
          queryHash: createHash('sha256').update(source).digest('hex'),
        });
        return withRemovals(result, decision.removals, identity);
      };
      return { ...loaded, executor };
    },
  };
}
