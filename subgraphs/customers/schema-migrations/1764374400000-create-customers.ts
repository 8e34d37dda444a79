import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateCustomers1764374400000 implements MigrationInterface {
  name = 'CreateCustomers1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'end_customers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'country', type: 'varchar', length: '2' },
          { name: 'industry', type: 'varchar', length: '40' },
          { name: 'sovereign_cloud_required', type: 'boolean' },
        ],
        indices: [
          { name: 'idx_customers_name', columnNames: ['name'] },
          { name: 'idx_customers_country', columnNames: ['country'] },
          { name: 'idx_customers_industry', columnNames: ['industry'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'service_contracts',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'customer_id', type: 'varchar', length: '36' },
          { name: 'provider_id', type: 'varchar', length: '36' },
          { name: 'licence_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'allocation_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'cores_in_use', type: 'int' },
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '20' },
        ],
        foreignKeys: [{ columnNames: ['customer_id'], referencedTableName: 'end_customers', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'idx_contracts_customer', columnNames: ['customer_id'] },
          { name: 'idx_contracts_provider', columnNames: ['provider_id', 'status', 'customer_id'] },
          { name: 'idx_contracts_licence', columnNames: ['licence_id'] },
          { name: 'idx_contracts_allocation', columnNames: ['allocation_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'customer_migrations',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'customer_id', type: 'varchar', length: '36' },
          { name: 'from_provider_id', type: 'varchar', length: '36' },
          { name: 'to_provider_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'alternative_vendor', type: 'varchar', length: '100', isNullable: true },
          { name: 'reason', type: 'varchar', length: '30' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'decided_on', type: 'date' },
        ],
        foreignKeys: [{ columnNames: ['customer_id'], referencedTableName: 'end_customers', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'idx_migrations_customer', columnNames: ['customer_id'] },
          { name: 'idx_migrations_from', columnNames: ['from_provider_id'] },
          { name: 'idx_migrations_to', columnNames: ['to_provider_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('customer_migrations');
    await queryRunner.dropTable('service_contracts');
    await queryRunner.dropTable('end_customers');
  }
}
