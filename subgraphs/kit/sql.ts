import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** A LIKE pattern that matches `text` anywhere, with `!` as the escape (portable to SQLite and MySQL). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

/** Aggregates come back as strings from MySQL (DECIMAL, BIGINT) and numbers from SQLite. */
export function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * The entities whose `property` is one of `values`, in one statement, ordered by `orderBy`:
 * hydrated column by column with the driver's own conversions (dates, booleans), as TypeORM
 * does, without its general result transformer, which costs ~1.6× as much on the thousands of
 * rows a loader can fetch for one answer (bench/README.md).
 */
export async function entitiesWhereIn<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  property: keyof T & string,
  values: readonly unknown[],
  orderBy: ReadonlyArray<keyof T & string> = [],
): Promise<T[]> {
  if (values.length === 0) return [];
  const metadata = dataSource.getMetadata(entity);
  const { driver } = dataSource;
  const columnOf = (name: string) => metadata.findColumnWithPropertyName(name)!.databaseName;
  const order = orderBy.length > 0 ? ` ORDER BY ${orderBy.map((name) => driver.escape(columnOf(name))).join(', ')}` : '';
  const rows: Array<Record<string, unknown>> = await dataSource.query(
    `SELECT ${metadata.columns.map((column) => driver.escape(column.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)} WHERE ${driver.escape(columnOf(property))} IN (${values.map(() => '?').join(', ')})${order}`,
    [...values],
  );
  return rows.map((row) => {
    const hydrated = metadata.create() as T;
    for (const column of metadata.columns) (hydrated as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(row[column.databaseName], column);
    return hydrated;
  });
}
