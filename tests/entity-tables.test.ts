import type { DataSource } from 'typeorm';
import { subgraphs } from '../subgraphs';
import { migratedTestDatabase, storeLabel } from './kit/store';

/*
 * The entities (declared with kit/columns.ts) and the migrations (kit/schema-migrations.ts) say
 * the same tables twice, once for TypeORM's reads and writes and once for the store: on a freshly
 * migrated store, each entity's columns are exactly its table's, with the same names, types,
 * lengths (types as the driver names them), nullability and primary key. Indices and foreign keys
 * live in the migrations only.
 */

interface ColumnFacts {
  name: string;
  type: string;
  length: string;
  nullable: boolean;
  primary: boolean;
}

const byName = (a: ColumnFacts, b: ColumnFacts) => a.name.localeCompare(b.name);

async function entityAndTableColumns(
  dataSource: DataSource,
): Promise<Array<{ table: string; entity: ColumnFacts[]; migrated: ColumnFacts[] | null }>> {
  const { driver } = dataSource;
  const queryRunner = dataSource.createQueryRunner();
  try {
    const compared = [];
    for (const entity of dataSource.entityMetadatas) {
      const table = await queryRunner.getTable(entity.tableName);
      compared.push({
        table: entity.tableName,
        entity: entity.columns
          .map((column) => ({
            name: column.databaseName,
            type: driver.normalizeType(column),
            length: driver.getColumnLength(column),
            nullable: column.isNullable,
            primary: column.isPrimary,
          }))
          .sort(byName),
        migrated:
          table?.columns
            .map((column) => ({
              name: column.name,
              type: driver.normalizeType(column),
              length: column.length,
              nullable: column.isNullable,
              primary: column.isPrimary,
            }))
            .sort(byName) ?? null,
      });
    }
    return compared;
  } finally {
    await queryRunner.release();
  }
}

describe(`entities and migrated tables (${storeLabel()})`, () => {
  for (const subgraph of subgraphs) {
    describe(subgraph.name, () => {
      const dataSource = migratedTestDatabase(subgraph.store);

      it("each entity's columns are its migrated table's: names, types, lengths, nullability, primary key", async () => {
        const compared = await entityAndTableColumns(dataSource());
        expect(compared.length).toBe(subgraph.store.entities.length);
        for (const { table, entity, migrated } of compared) expect({ table, columns: migrated }).toEqual({ table, columns: entity });
      });
    });
  }
});
