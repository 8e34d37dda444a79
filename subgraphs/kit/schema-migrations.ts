import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/*
 * How the subgraphs' migrations declare their tables: a small vocabulary of columns, one way to
 * declare a table with its keys and indices, and migrations made from their steps. Released
 * migrations are built from these: what a helper makes must never change (add a new one instead).
 * tests/schema-migrations.test.ts holds every migrated schema to its committed text, so an edit
 * here that would change a released migration's effect fails there.
 */

export interface ColumnOptions {
  nullable?: boolean;
  /** Part of the table's primary key (several columns make a composite key). */
  primary?: boolean;
}

/** A column, and the table whose id it holds when the database enforces that as a foreign key. */
interface ColumnDefinition extends TableColumnOptions {
  references?: string;
}

function declared(name: string, type: string, { nullable, primary }: ColumnOptions, length?: number): ColumnDefinition {
  return {
    name,
    type,
    ...(length === undefined ? {} : { length: String(length) }),
    ...(primary ? { isPrimary: true } : {}),
    ...(nullable ? { isNullable: true } : {}),
  };
}

/** Every column type the migrations use: portable across SQLite and MariaDB/MySQL. */
export const column = {
  /** Text of at most `length` characters. */
  text: (name: string, length: number, options: ColumnOptions & { unique?: boolean } = {}): ColumnDefinition => ({
    ...declared(name, 'varchar', options, length),
    ...(options.unique ? { isUnique: true } : {}),
  }),
  /** The record's own id (at most 36 characters, kit/columns.ts), its primary key. */
  id: (): ColumnDefinition => column.text('id', 36, { primary: true }),
  /**
   * The id of another record: in this database with `table` (a foreign key to its id), or in
   * another subgraph's without.
   */
  reference: (name: string, options: ColumnOptions & { table?: string } = {}): ColumnDefinition => ({
    ...column.text(name, 36, options),
    ...(options.table ? { references: options.table } : {}),
  }),
  /** What a partner's and an end customer's tables start with (kit/organisation.ts): id, name and country. */
  organisation: (): ColumnDefinition[] => [column.id(), column.text('name', 200), column.text('country', 2)],
  /** A record's status (an enum's value). */
  status: (): ColumnDefinition => column.text('status', 20),
  /** A calendar day. */
  day: (name: string, options: ColumnOptions = {}): ColumnDefinition => declared(name, 'date', options),
  /** A whole number (cores). */
  count: (name: string, options: ColumnOptions = {}): ColumnDefinition => declared(name, 'int', options),
  /** True or false. */
  flag: (name: string): ColumnDefinition => declared(name, 'boolean', {}),
  /** An instant as ISO-8601 text (`2026-11-30T16:00:00.000Z`). */
  instant: (name: string, options: ColumnOptions = {}): ColumnDefinition => column.text(name, 24, options),
  /** A SHA-256 digest in hex. */
  sha256: (name: string, options: ColumnOptions = {}): ColumnDefinition => column.text(name, 64, options),
  /** A JSON document of any length. */
  json: (name: string, options: ColumnOptions = {}): ColumnDefinition => declared(name, 'text', options),
};

/** Index (or unique constraint) name → its columns, in order. */
type NamedColumnLists = Record<string, string[]>;

export interface TableDefinition {
  name: string;
  columns: ColumnDefinition[];
  indices?: NamedColumnLists;
  uniques?: NamedColumnLists;
}

function named(lists: NamedColumnLists = {}): Array<{ name: string; columnNames: string[] }> {
  return Object.entries(lists).map(([name, columnNames]) => ({ name, columnNames }));
}

/** The table to create (made anew for each run: TypeORM completes the Table it is given). */
function tableOf({ name, columns, indices, uniques }: TableDefinition): Table {
  return new Table({
    name,
    columns: columns.map(({ references: _foreignKey, ...options }) => options),
    foreignKeys: columns.flatMap(({ name: columnName, references }) =>
      references ? [{ columnNames: [columnName], referencedTableName: references, referencedColumnNames: ['id'] }] : [],
    ),
    indices: named(indices),
    uniques: named(uniques),
  });
}

async function createTable(queryRunner: QueryRunner, definition: TableDefinition): Promise<void> {
  await queryRunner.createTable(tableOf(definition));
}

/** What a migration does (up) and how it is undone (down). */
interface MigrationSteps {
  up(queryRunner: QueryRunner): Promise<void>;
  down(queryRunner: QueryRunner): Promise<void>;
}

/**
 * The migration class `name`: TypeORM records a migration by this name (ending in its timestamp)
 * in schema_migrations, so a released migration's name never changes.
 */
export function schemaMigration(name: string, steps: MigrationSteps): new () => MigrationInterface {
  const classes = {
    [name]: class implements MigrationInterface {
      name = name;
      up(queryRunner: QueryRunner): Promise<void> {
        return steps.up(queryRunner);
      }
      down(queryRunner: QueryRunner): Promise<void> {
        return steps.down(queryRunner);
      }
    },
  };
  return classes[name]!;
}

/** Creates the tables in order; undone by dropping them in the reverse order. */
export function createTables(...tables: TableDefinition[]): MigrationSteps {
  return {
    async up(queryRunner) {
      for (const table of tables) await createTable(queryRunner, table);
    },
    async down(queryRunner) {
      for (const table of [...tables].reverse()) await queryRunner.dropTable(table.name);
    },
  };
}

/** Replaces table `from` with `to` (of the same name), its rows dropped; undone the same way back. */
export function replaceTable(from: TableDefinition, to: TableDefinition): MigrationSteps {
  const replace = async (queryRunner: QueryRunner, old: TableDefinition, replacement: TableDefinition) => {
    await queryRunner.dropTable(old.name);
    await createTable(queryRunner, replacement);
  };
  return {
    up: (queryRunner) => replace(queryRunner, from, to),
    down: (queryRunner) => replace(queryRunner, to, from),
  };
}

/** Table name → its new indices: created in order, undone by dropping them in the reverse order. */
export function createIndices(indicesByTable: Record<string, NamedColumnLists>): MigrationSteps {
  const indices = Object.entries(indicesByTable).flatMap(([table, lists]) => named(lists).map((index) => ({ table, index })));
  return {
    async up(queryRunner) {
      for (const { table, index } of indices) await queryRunner.createIndex(table, new TableIndex(index));
    },
    async down(queryRunner) {
      for (const { table, index } of [...indices].reverse()) await queryRunner.dropIndex(table, index.name);
    },
  };
}
