import { declaredColumn, type ColumnContent } from '../subgraphs/kit/columns';
import type { ColumnSpec, ColumnType } from './csv-files';

/** A column that deliberately differs from the entity's property of its name (or has none): what it is instead. */
type ColumnOverride = Partial<Pick<ColumnSpec, 'type' | 'required' | 'whenAbsent'>>;

/** The CSV type of what an entity column holds: ids, text, days, values of its enum, true/false; its whole numbers are counts of cores, at least 1. */
function csvTypeOf(content: ColumnContent): ColumnType {
  if (content.kind === 'int') return { kind: 'count' };
  if (content.kind === 'day') return { kind: 'date' };
  return content;
}

/**
 * The columns of a CSV file of `entity`'s records, in the order `descriptions` names them: each
 * of the type of the entity's property of that name, required unless the property is nullable,
 * but where `overrides` says otherwise (a column that is not a property of the entity gives both).
 */
function entityColumns(
  entity: abstract new () => unknown,
  descriptions: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, ColumnOverride>> = {},
): ColumnSpec[] {
  return Object.entries(descriptions).map(([name, description]) => {
    const { type, required, whenAbsent } = overrides[name] ?? {};
    const declared = declaredColumn(entity, name);
    if (!declared && (type === undefined || required === undefined))
      throw new Error(`${entity.name} has no column ${name}: give the CSV column's type and whether it is required.`);
    return {
      name,
      type: type ?? csvTypeOf(declared!.content),
      required: required ?? !declared!.nullable,
      description,
      ...(whenAbsent === undefined ? {} : { whenAbsent }),
    };
  });
}

/** The entity a CSV file holds records of, and its columns (`entityColumns`). */
export function recordsOf<TEntity extends new () => object>(
  entity: TEntity,
  descriptions: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, ColumnOverride>> = {},
): { entity: TEntity; columns: ColumnSpec[] } {
  return { entity, columns: entityColumns(entity, descriptions, overrides) };
}
