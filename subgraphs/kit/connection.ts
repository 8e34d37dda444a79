import { ArgsType, Directive, Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';
import { graphqlEnum, orderFieldEnum, type EnumValue } from './graphql-enum';
import { Cost, COSTS } from './policy';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge after which the page starts.' })
  after?: string | null;
}

interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Lazy: the count runs only when a client asks for `totalCount`. */
  totalCount: number | PromiseLike<number>;
}

/** A promise-like that starts `work` only when awaited (GraphQL awaits a field's value only when selected). */
function lazy<T>(work: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | null = null;
  return {
    then(onFulfilled, onRejected) {
      started ??= work();
      return started.then(onFulfilled, onRejected);
    },
  };
}

export type CursorValue = string | number;

export interface PageRequest {
  first: number;
  /** Sort-key values of the edge the page starts after. */
  after: CursorValue[] | null;
}

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorValue[] {
  const malformed = () =>
    badUserInput(`Malformed cursor "${cursor}" in "after": pass an endCursor or edge cursor returned by this connection.`, 'after');
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw malformed();
  }
  return values;
}

/** Validates `first`/`after`; out-of-range sizes are refused, never silently clamped. */
export function pageRequest(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first}); page through larger lists with "after".`, 'first');
  }
  return { first, after: args.after ? decodeCursor(args.after) : null };
}

/** Builds the Relay connection classes for a node type: `<Name>Connection` and `<Name>Edge`. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string, options: { shareable?: boolean } = {}) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of nodes in the whole list, all pages together.' })
    @Cost(COSTS.count)
    totalCount!: number;
  }

  // Types several subgraphs define alike (e.g. the audit trail's) are shared in the supergraph.
  if (options.shareable) Directive('@shareable')(EdgeType);
  return ConnectionType;
}

/** Builds a connection from rows already fetched with one extra row to detect a next page. */
export function connectionFromRows<T>(
  rows: T[],
  page: PageRequest,
  cursorValues: (node: T) => CursorValue[],
  count: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorValues(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: lazy(count),
  };
}

export interface SortKey {
  /** Query-builder expression, e.g. `partner.name`. */
  expression: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Keyset pagination over a filtered query: the last sort key must be unique (the id).
 * One statement for the page; the count runs only when `totalCount` is asked for.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageRequest,
  sort: SortKey[],
  cursorValues: (node: T) => CursorValue[],
): Promise<Connection<T>> {
  const countQuery = query.clone();
  const pageQuery = query.clone();
  if (page.after) {
    if (page.after.length !== sort.length) {
      throw badUserInput('Malformed cursor in "after": it belongs to another list or sort order.', 'after');
    }
    const after = page.after;
    pageQuery.andWhere(
      new Brackets((outer) => {
        sort.forEach((key, index) => {
          outer.orWhere(
            new Brackets((inner) => {
              sort.slice(0, index).forEach((equal, i) => inner.andWhere(`${equal.expression} = :cursor${i}`, { [`cursor${i}`]: after[i] }));
              const operator = key.direction === 'ASC' ? '>' : '<';
              inner.andWhere(`${key.expression} ${operator} :cursor${index}`, { [`cursor${index}`]: after[index] });
            }),
          );
        });
      }),
    );
  }
  sort.forEach((key, index) =>
    index === 0 ? pageQuery.orderBy(key.expression, key.direction) : pageQuery.addOrderBy(key.expression, key.direction),
  );
  const rows = await pageQuery.limit(page.first + 1).getMany();
  return connectionFromRows(rows, page, cursorValues, () => countQuery.getCount());
}

export const OrderDirection = graphqlEnum({ name: 'OrderDirection', values: ['ASC', 'DESC'] });
export type OrderDirection = EnumValue<typeof OrderDirection>;

/** How a list is sorted: one of its fields, and a direction. */
interface OrderBy<TField extends string> {
  field: TField;
  direction: OrderDirection;
}

/**
 * The `orderBy` input `name` of a list: one field of `fieldEnum` (kit/graphql-enum.ts,
 * orderFieldEnum), and a direction; ties are broken by id. `byDefault` is the order of a list
 * asked without one.
 */
function orderInput<TFieldEnum extends Readonly<Record<string, string>>>(
  fieldEnum: TFieldEnum,
  name: string,
  byDefault: OrderBy<EnumValue<TFieldEnum>>,
): ClassType<OrderBy<EnumValue<TFieldEnum>>> & { byDefault: OrderBy<EnumValue<TFieldEnum>> } {
  @InputType(name, { description: `Sort order of ${name.replace(/Order$/, '').toLowerCase()} lists; ties are broken by id.` })
  class OrderInput {
    static readonly byDefault = byDefault;

    @Field(() => fieldEnum, { defaultValue: byDefault.field })
    field!: EnumValue<TFieldEnum>;

    @Field(() => OrderDirection, { defaultValue: byDefault.direction })
    direction!: OrderDirection;
  }
  return OrderInput;
}

/**
 * The `orderBy` input of the `listName` list, declared in one call: the enum `<listName>OrderField`
 * of its sortable `properties` (kit/graphql-enum.ts, orderFieldEnum) and the input
 * `<listName>Order`, whose `byDefault` (a property and a direction) sorts a list asked without one.
 */
export function listOrder<const TProperty extends string>(
  listName: string,
  properties: readonly TProperty[],
  byDefault: OrderBy<NoInfer<TProperty>>,
): ReturnType<typeof orderInput<Readonly<Record<string, TProperty>>>> {
  return orderInput(orderFieldEnum(`${listName}OrderField`, properties), `${listName}Order`, byDefault);
}

/** Sort keys for a list ordered by one field, the id breaking ties (so cursors stay unique). */
export function orderedBy(alias: string, property: string, direction: OrderDirection = OrderDirection.ASC): SortKey[] {
  return property === 'id'
    ? [{ expression: `${alias}.id`, direction }]
    : [
        { expression: `${alias}.${property}`, direction },
        { expression: `${alias}.id`, direction: 'ASC' },
      ];
}

/** Cursor values matching `orderedBy`. */
export function cursorOf<T extends { id: string }>(property: string): (node: T) => CursorValue[] {
  return property === 'id' ? (node) => [node.id] : (node) => [(node as Record<string, unknown>)[property] as CursorValue, node.id];
}

/** A page of a list already sorted in memory (small lists such as per-partner aggregates). */
export function connectionFromSorted<T extends { id: string }>(
  sorted: T[],
  page: PageRequest,
  cursorValues: (node: T) => CursorValue[],
): Connection<T> {
  const afterId = page.after?.at(-1);
  const start = afterId === undefined ? 0 : sorted.findIndex((node) => node.id === afterId) + 1;
  if (afterId !== undefined && start === 0) {
    throw badUserInput('Cursor in "after" is not in this list any more: start again without "after".', 'after');
  }
  return connectionFromRows(sorted.slice(start, start + page.first + 1), page, cursorValues, async () => sorted.length);
}
