import {
  buildASTSchema,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  OperationTypeNode,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type ConstObjectValueNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * The policy the subgraphs declared (subgraphs/kit/policy.ts) as composed into the supergraph:
 * `@authenticated`, `@requiresScopes` (authorization) and `@cost`, `@listSize` (demand control),
 * read once from the supergraph SDL. The directives are found by their specs' URLs and the names
 * the supergraph's `@link`s give them, as every federation gateway reads them.
 */
export interface ListSize {
  assumedSize: number | null;
  slicingArguments: string[];
  sizedFields: string[];
  requireOneSlicingArgument: boolean;
}

export interface AccessRule {
  authenticated: boolean;
  /** Any one inner list, all of its scopes; null: no scope needed. */
  scopes: string[][] | null;
}

export interface FieldPolicy extends AccessRule {
  cost: number | null;
  listSize: ListSize | null;
  /** The fields a `@requires` makes the planner fetch first (their cost counts too). */
  requires: SelectionSetNode | null;
  argumentCosts: ReadonlyMap<string, number>;
}

export interface TypePolicy extends AccessRule {
  cost: number | null;
}

const SPECS = {
  authenticated: 'https://specs.apollo.dev/authenticated/',
  requiresScopes: 'https://specs.apollo.dev/requiresScopes/',
  cost: 'https://specs.apollo.dev/cost/',
} as const;

/** The name a `@link` gives one of its spec's directives: imported (maybe renamed), the link's name for the eponymous one, else `<spec>__<directive>`. */
function directiveNames(schemaDirectives: readonly ConstDirectiveNode[]): {
  authenticated: string;
  requiresScopes: string;
  cost: string;
  listSize: string;
} {
  const links = schemaDirectives.filter((directive) => directive.name.value === 'link').map(argumentsOf);
  const nameIn = (specUrl: string, directive: string): string => {
    const link = links.find((candidate) => typeof candidate.url === 'string' && candidate.url.startsWith(specUrl));
    if (!link) return directive;
    for (const entry of (link.import as unknown[] | undefined) ?? []) {
      if (entry === `@${directive}`) return directive;
      if (typeof entry === 'object' && entry !== null && (entry as { name?: string }).name === `@${directive}`) {
        return ((entry as { as?: string }).as ?? `@${directive}`).slice(1);
      }
    }
    const specName = new URL(link.url as string).pathname.split('/').filter(Boolean)[0] ?? directive;
    const prefix = typeof link.as === 'string' ? link.as : specName;
    // A spec's eponymous directive (@cost of cost, @authenticated of authenticated) goes by the link's name alone.
    return directive === specName ? prefix : `${prefix}__${directive}`;
  };
  return {
    authenticated: nameIn(SPECS.authenticated, 'authenticated'),
    requiresScopes: nameIn(SPECS.requiresScopes, 'requiresScopes'),
    cost: nameIn(SPECS.cost, 'cost'),
    listSize: nameIn(SPECS.cost, 'listSize'),
  };
}

/** A directive's arguments as an object node, for valueFromASTUntyped. */
function directiveArguments(directive: ConstDirectiveNode): ConstObjectValueNode {
  return {
    kind: Kind.OBJECT,
    fields: (directive.arguments ?? []).map((argument) => ({ kind: Kind.OBJECT_FIELD, name: argument.name, value: argument.value })),
  };
}

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  return valueFromASTUntyped(directiveArguments(directive)) as Record<string, unknown>;
}

export class SupergraphPolicy {
  readonly schema: GraphQLSchema;
  private readonly fieldPolicies = new Map<string, FieldPolicy>();
  private readonly typePolicies = new Map<string, TypePolicy>();

  constructor(supergraphSdl: string) {
    const document = parse(supergraphSdl);
    this.schema = buildASTSchema(document, { assumeValid: true, assumeValidSDL: true });
    const schemaDirectives = document.definitions.flatMap((definition) =>
      definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION ? (definition.directives ?? []) : [],
    );
    const names = directiveNames(schemaDirectives);
    const accessOf = (directives: readonly ConstDirectiveNode[]): AccessRule => {
      const scopes = directives.filter((directive) => directive.name.value === names.requiresScopes);
      return {
        authenticated: directives.some((directive) => directive.name.value === names.authenticated),
        // Several @requiresScopes on one element (composition merges them as an AND of each).
        scopes: scopes.length === 0 ? null : scopes.map((directive) => argumentsOf(directive).scopes as string[][]).reduce(andScopes),
      };
    };
    const costOf = (directives: readonly ConstDirectiveNode[]): number | null => {
      const cost = directives.find((directive) => directive.name.value === names.cost);
      return cost ? Number(argumentsOf(cost).weight) : null;
    };
    for (const type of Object.values(this.schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const typeDirectives = [...(type.astNode?.directives ?? []), ...type.extensionASTNodes.flatMap((node) => node.directives ?? [])];
      this.typePolicies.set(type.name, { ...accessOf(typeDirectives), cost: costOf(typeDirectives) });
      if (!('getFields' in type) || isInputType(type)) continue;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const directives = field.astNode?.directives ?? [];
        const listSize = directives.find((directive) => directive.name.value === names.listSize);
        const requires = directives
          .filter((directive) => directive.name.value === 'join__field')
          .map((directive) => argumentsOf(directive).requires)
          .find((value): value is string => typeof value === 'string');
        this.fieldPolicies.set(`${type.name}.${field.name}`, {
          ...accessOf(directives),
          cost: costOf(directives),
          listSize: listSize ? listSizeOf(argumentsOf(listSize)) : null,
          requires: requires ? parseFieldSet(requires) : null,
          argumentCosts: new Map(
            field.args.flatMap((argument) => {
              const weight = costOf(argument.astNode?.directives ?? []);
              return weight === null ? [] : [[argument.name, weight] as const];
            }),
          ),
        });
      }
    }
  }

  /** The root type of an operation type (Query, Mutation …). */
  rootType(operation: OperationTypeNode): string {
    const root =
      operation === OperationTypeNode.MUTATION
        ? this.schema.getMutationType()
        : operation === OperationTypeNode.SUBSCRIPTION
          ? this.schema.getSubscriptionType()
          : this.schema.getQueryType();
    if (!root) throw new Error(`The supergraph has no ${operation} type.`);
    return root.name;
  }

  field(typeName: string, fieldName: string): FieldPolicy | undefined {
    return this.fieldPolicies.get(`${typeName}.${fieldName}`);
  }

  type(typeName: string): TypePolicy | undefined {
    return this.typePolicies.get(typeName);
  }

  fieldDefinition(typeName: string, fieldName: string): GraphQLField<unknown, unknown> | undefined {
    const type = this.schema.getType(typeName);
    return type && 'getFields' in type && !isInputType(type)
      ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[fieldName]
      : undefined;
  }

  /** Every field coordinate (`Type.field`) with its policy, for tests and documentation. */
  *fields(): IterableIterator<[string, FieldPolicy]> {
    yield* this.fieldPolicies;
  }
}

function isInputType(type: GraphQLNamedType): boolean {
  return type.astNode?.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION;
}

/** Both rules must hold: every pairing of one alternative from each. */
function andScopes(left: string[][], right: string[][]): string[][] {
  return left.flatMap((one) => right.map((other) => [...new Set([...one, ...other])]));
}

function listSizeOf(args: Record<string, unknown>): ListSize {
  return {
    assumedSize: typeof args.assumedSize === 'number' || typeof args.assumedSize === 'string' ? Number(args.assumedSize) : null,
    slicingArguments: (args.slicingArguments as string[] | undefined) ?? [],
    sizedFields: (args.sizedFields as string[] | undefined) ?? [],
    requireOneSlicingArgument: args.requireOneSlicingArgument !== false,
  };
}

function parseFieldSet(fields: string): SelectionSetNode {
  const [operation] = parse(`{${fields}}`).definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`Unreadable @requires field set: ${fields}`);
  return operation.selectionSet;
}

/** A field's return type: whether it is a list, non-null, and its named type. */
export function shapeOf(field: GraphQLField<unknown, unknown>) {
  const nonNull = isNonNullType(field.type);
  const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
  const list = isListType(inner);
  const itemNonNull = list && isNonNullType(inner.ofType);
  const named = getNamedType(field.type);
  return { nonNull, list, itemNonNull, named, composite: isCompositeType(named) };
}

/**
 * The supergraph as @apollo/gateway will load it: it refuses a supergraph linking `for: SECURITY`
 * features it does not enforce itself (@authenticated, @requiresScopes). This gateway enforces them
 * (gateway/authorization.ts) before the planner sees an operation, so the links lose their purpose here only.
 */
export function supergraphForPlanner(supergraphSdl: string): string {
  return supergraphSdl.replace(
    /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"[^)]*?), for: SECURITY\)/g,
    '$1)',
  );
}
