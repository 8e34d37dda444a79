import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** A LIKE pattern that matches `text` anywhere, with `!` as the escape (portable to SQLite and MySQL). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

/** Aggregates come back as strings from MySQL (DECIMAL, BIGINT) and numbers from SQLite. */
export function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** The one number a `SELECT COUNT(…) AS total …` statement answers. */
export async function countOf(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query<Array<{ total: unknown }>>(sql, params);
  return toNumber(row?.total);
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
  const table = tableOf(dataSource, entity, 't');
  const order = orderBy.length > 0 ? ` ORDER BY ${orderBy.map((name) => table.column(name)).join(', ')}` : '';
  const rows: Array<Record<string, unknown>> = await dataSource.query(
    `SELECT ${table.selectList} FROM ${table.from} WHERE ${table.column(property)} IN (${values.map(() => '?').join(', ')})${order}`,
    [...values],
  );
  return rows.map((row) => table.hydrate(row));
}

/**
 * One entity's table in a hand-written statement, under `alias`: its qualified columns, a select
 * list whose names are prefixed with the alias (so two tables' columns never collide in a join),
 * and the hydration of an entity from such a row, as entitiesWhereIn does.
 */
export function tableOf<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, alias: string) {
  const metadata = dataSource.getMetadata(entity);
  const { driver } = dataSource;
  const quotedAlias = driver.escape(alias);
  const columns = metadata.columns.map((column) => ({ column, selectedAs: `${alias}_${column.databaseName}` }));
  return {
    from: `${driver.escape(metadata.tableName)} ${quotedAlias}`,
    column: (property: keyof T & string) => `${quotedAlias}.${driver.escape(metadata.findColumnWithPropertyName(property)!.databaseName)}`,
    selectList: columns
      .map(({ column, selectedAs }) => `${quotedAlias}.${driver.escape(column.databaseName)} AS ${driver.escape(selectedAs)}`)
      .join(', '),
    hydrate(row: Record<string, unknown>): T {
      const hydrated = metadata.create() as Record<string, unknown>;
      for (const { column, selectedAs } of columns) hydrated[column.propertyName] = driver.prepareHydratedValue(row[selectedAs], column);
      return hydrated as T;
    },
  };
}

/** A piece of SQL and the values of its placeholders, in the order they appear. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** SQLite refuses a compound SELECT of more than 500 terms (SQLITE_MAX_COMPOUND_SELECT); literal tables nest below it. */
const TERMS_PER_COMPOUND = 400;

/**
 * A derived table of literal rows given by the caller (`SELECT ? AS a, ? AS b UNION ALL SELECT ?, ? …`),
 * to apply a rule to each of them in one statement, e.g. the days of a timeline. `columns` names
 * the columns, those of `dates` holding `YYYY-MM-DD` days: on MySQL those are cast to DATE so they
 * compare with DATE columns as dates (SQLite keeps dates as ISO text, which compares alike).
 */
export function valuesTable(
  dataSource: DataSource,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  dates: readonly string[] = columns,
): SqlFragment {
  const cast = dataSource.options.type === 'mysql';
  const value = (column: string) => (cast && dates.includes(column) ? 'CAST(? AS DATE)' : '?');
  const compound = (count: number) =>
    Array.from(
      { length: count },
      (_row, index) => `SELECT ${columns.map((column) => (index === 0 ? `${value(column)} AS ${column}` : value(column))).join(', ')}`,
    ).join(' UNION ALL ');
  const chunks: string[] = [];
  for (let start = 0; start < rows.length; start += TERMS_PER_COMPOUND) {
    chunks.push(compound(Math.min(TERMS_PER_COMPOUND, rows.length - start)));
  }
  const sql = chunks.length === 1 ? chunks[0]! : chunks.map((chunk, index) => `SELECT * FROM (${chunk}) chunk${index}`).join(' UNION ALL ');
  return { sql: `(${sql})`, params: rows.flat() };
}

/** A derived table of days (one column, `day`), e.g. the last days of a timeline's periods. */
export function daysTable(dataSource: DataSource, days: readonly string[]): SqlFragment {
  return valuesTable(
    dataSource,
    ['day'],
    days.map((day) => [day]),
  );
}
