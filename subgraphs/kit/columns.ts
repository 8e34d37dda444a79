import { Field, ID, Int } from 'type-graphql';
import { Column, PrimaryColumn, type ColumnOptions } from 'typeorm';
import { DateScalar } from './scalars';

/**
 * The columns of the entities, each declared once for the table (TypeORM) and the API
 * (type-graphql): one decorator per property, the field nullable exactly when the column is.
 * `column` names the database column where it differs from the property; `description` is the
 * field's description in the schema.
 */

interface FieldColumnOptions {
  column?: string;
  nullable?: boolean;
  description?: string;
}

/** Records' ids: a prefix and 32 hex digits for a new record (idForNew), an imported one as given; at most 36 characters. */
const ID_LENGTH = 36;

/** What a column holds, for code that reads records other than through the API (the bulk import's CSV columns). */
export type ColumnContent =
  { kind: 'id' } | { kind: 'text' } | { kind: 'int' } | { kind: 'boolean' } | { kind: 'day' } | { kind: 'enum'; values: readonly string[] };

interface DeclaredColumn {
  content: ColumnContent;
  nullable: boolean;
}

/** Per entity prototype, its properties declared with these decorators. */
const declaredColumns = new WeakMap<object, Map<string, DeclaredColumn>>();

function declared(content: ColumnContent, nullable = false): PropertyDecorator {
  return (target, property) => {
    const columns = declaredColumns.get(target) ?? new Map<string, DeclaredColumn>();
    declaredColumns.set(target, columns.set(String(property), { content, nullable }));
  };
}

/** What `find` finds on the prototype of `entity`, or else on that of the nearest class it extends. */
function onEntityOrAncestor<T>(entity: abstract new () => unknown, find: (prototype: object) => T | undefined): T | undefined {
  for (
    let prototype: object | null = entity.prototype as object;
    prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    const found = find(prototype);
    if (found) return found;
  }
  return undefined;
}

/** What the property `property` of `entity` (or of a class it extends) holds, if one of these decorators declares it. */
export function declaredColumn(entity: abstract new () => unknown, property: string): DeclaredColumn | undefined {
  return onEntityOrAncestor(entity, (prototype) => declaredColumns.get(prototype)?.get(property));
}

function fieldColumn(
  columnType: ColumnOptions,
  fieldType: () => object,
  content: ColumnContent,
  { column, nullable, description }: FieldColumnOptions,
): PropertyDecorator {
  return combined(
    Column({ ...columnType, ...(column === undefined ? {} : { name: column }), ...(nullable ? { nullable } : {}) }),
    Field(fieldType, { nullable, description }),
    declared(content, nullable),
  );
}

function combined(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorator) => decorator(target, property));
}

/** The record's own id: its primary key, and the `ID` its federation key names. */
export function IdColumn(): PropertyDecorator {
  return combined(
    PrimaryColumn({ type: 'varchar', length: ID_LENGTH }),
    Field(() => ID),
    declared({ kind: 'id' }),
  );
}

/**
 * Another record's id, maybe of another subgraph's database (a foreign key, where there is one, is the
 * migration's). Not a field unless
 * `exposed`: the API answers the record itself, resolved from this id.
 */
export function ReferenceColumn(column: string, { nullable, exposed }: { nullable?: boolean; exposed?: boolean } = {}): PropertyDecorator {
  const columnDecorator = combined(
    Column({ name: column, type: 'varchar', length: ID_LENGTH, ...(nullable ? { nullable } : {}) }),
    declared({ kind: 'id' }, nullable),
  );
  return exposed
    ? combined(
        columnDecorator,
        Field(() => ID, { nullable }),
      )
    : columnDecorator;
}

/** Text of at most `length` characters, or of any length (`'unbounded'`). */
export function TextColumn(options: FieldColumnOptions & { length: number | 'unbounded' }): PropertyDecorator {
  const { length, ...field } = options;
  return fieldColumn(length === 'unbounded' ? { type: 'text' } : { type: 'varchar', length }, () => String, { kind: 'text' }, field);
}

export function IntColumn(options: FieldColumnOptions = {}): PropertyDecorator {
  return fieldColumn({ type: 'int' }, () => Int, { kind: 'int' }, options);
}

export function BooleanColumn(options: FieldColumnOptions = {}): PropertyDecorator {
  return fieldColumn({ type: 'boolean' }, () => Boolean, { kind: 'boolean' }, options);
}

/** A calendar day (`Date`, kit/scalars.ts). */
export function DateColumn(options: FieldColumnOptions = {}): PropertyDecorator {
  return fieldColumn({ type: 'date' }, () => DateScalar, { kind: 'day' }, options);
}

/** Per entity prototype, its property declared with FirstDayColumn. */
const firstDayProperties = new WeakMap<object, string>();

/** The first day a dated record is in force (the time rule, kit/validity.ts). */
export function FirstDayColumn({ column = 'starts_on', description = 'First day in force.' }: FieldColumnOptions = {}): PropertyDecorator {
  return combined(DateColumn({ column, description }), (target, property) => firstDayProperties.set(target, String(property)));
}

/** The property of `entity` (or of a class it extends) declared with FirstDayColumn: the day its records begin, if they are dated. */
export function firstDayProperty(entity: abstract new () => unknown): string | undefined {
  return onEntityOrAncestor(entity, (prototype) => firstDayProperties.get(prototype));
}

/**
 * The last day a dated record is in force, included (the time rule, kit/validity.ts); an
 * open-ended record's is null until set, and its description says what sets it.
 */
export function LastDayColumn({
  column = 'ends_on',
  openEnded,
  description = 'Last day in force (included).',
}: {
  column?: string;
  openEnded: boolean;
  description?: string;
}): PropertyDecorator {
  return DateColumn({ column, nullable: openEnded, description });
}

/** A value of a GraphQL enum (kit/graphql-enum.ts), stored as its text in at most `length` characters. */
export function EnumColumn(
  enumObject: Readonly<Record<string, string>>,
  options: FieldColumnOptions & { length: number },
): PropertyDecorator {
  const { length, ...field } = options;
  return fieldColumn({ type: 'varchar', length }, () => enumObject, { kind: 'enum', values: Object.values(enumObject) }, field);
}

/** A record's status, a value of `enumObject`; a dated record's follows its dates (kit/validity.ts, `statusOn`). */
export function StatusColumn(enumObject: Readonly<Record<string, string>>, options: { description?: string } = {}): PropertyDecorator {
  return EnumColumn(enumObject, { length: 20, ...options });
}
