import type { DataSource } from 'typeorm';

/**
 * A database's schema as text, one line a fact in a fixed order: tables, columns (type, length,
 * nullability, default, key), indices (unique, their columns in order), primary keys, foreign keys,
 * and the rows of schema_migrations (TypeORM's record of applied migrations, by name). Two
 * databases have the same schema exactly when their texts are equal.
 * SQLite: sqlite_master (with each object's CREATE statement) and pragma table_info, index_list,
 * index_info and foreign_key_list. MariaDB/MySQL: information_schema TABLES, COLUMNS, STATISTICS,
 * TABLE_CONSTRAINTS, KEY_COLUMN_USAGE and REFERENTIAL_CONSTRAINTS.
 */
export async function describeSchema(dataSource: DataSource): Promise<string> {
  const lines = dataSource.options.type === 'better-sqlite3' ? await sqliteSchema(dataSource) : await mysqlSchema(dataSource);
  const queryRunner = dataSource.createQueryRunner();
  const hasMigrationsTable = await queryRunner.hasTable('schema_migrations').finally(() => queryRunner.release());
  if (hasMigrationsTable) {
    const applied: unknown[] = await dataSource.query('SELECT timestamp, name FROM schema_migrations ORDER BY id');
    for (const row of applied) lines.push(`applied ${JSON.stringify(row)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function sqliteSchema(dataSource: DataSource): Promise<string[]> {
  const lines: string[] = [];
  const objects: Array<{ type: string; name: string; tbl_name: string; sql: string | null }> = await dataSource.query(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_sequence' ORDER BY tbl_name, type DESC, name",
  );
  for (const object of objects) {
    lines.push(`${object.type} ${object.name} on ${object.tbl_name}: ${object.sql?.trimEnd() ?? '(implicit)'}`);
    if (object.type !== 'table') continue;
    const pragma = (name: string, argument: string) => dataSource.query(`SELECT * FROM pragma_${name}('${argument}')`);
    for (const column of await pragma('table_info', object.name)) lines.push(`  column ${JSON.stringify(column)}`);
    const indices: Array<{ name: string; seq: number }> = await pragma('index_list', object.name);
    for (const { seq: _creationOrder, ...index } of [...indices].sort((a, b) => a.name.localeCompare(b.name))) {
      const columns: Array<{ name: string }> = await pragma('index_info', index.name);
      lines.push(`  index ${JSON.stringify(index)} columns ${columns.map((column) => column.name).join(', ')}`);
    }
    for (const foreignKey of await pragma('foreign_key_list', object.name)) lines.push(`  foreign key ${JSON.stringify(foreignKey)}`);
  }
  return lines;
}

async function mysqlSchema(dataSource: DataSource): Promise<string[]> {
  const rows = async (label: string, sql: string) =>
    (await dataSource.query<unknown[]>(sql)).map((row) => `${label} ${JSON.stringify(row)}`);
  const inThisDatabase = 'TABLE_SCHEMA = DATABASE()';
  return [
    ...(await rows(
      'table',
      `SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE ${inThisDatabase} ORDER BY TABLE_NAME`,
    )),
    ...(await rows(
      'column',
      `SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, CHARACTER_SET_NAME,
              COLLATION_NAME, COLUMN_KEY, EXTRA
         FROM information_schema.COLUMNS WHERE ${inThisDatabase} ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    )),
    ...(await rows(
      'index',
      `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, INDEX_TYPE
         FROM information_schema.STATISTICS WHERE ${inThisDatabase} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    )),
    ...(await rows(
      'constraint',
      `SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE
         FROM information_schema.TABLE_CONSTRAINTS WHERE ${inThisDatabase} ORDER BY TABLE_NAME, CONSTRAINT_NAME`,
    )),
    ...(await rows(
      'key column',
      `SELECT TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
         FROM information_schema.KEY_COLUMN_USAGE WHERE ${inThisDatabase} ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    )),
    ...(await rows(
      'foreign key',
      `SELECT TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, UPDATE_RULE, DELETE_RULE
         FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME`,
    )),
  ];
}
