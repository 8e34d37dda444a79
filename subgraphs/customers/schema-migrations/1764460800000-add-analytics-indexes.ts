import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Indexes for the customers-at-risk order, the sovereign filter and migration aggregates. */
export class AddCustomerAnalyticsIndexes1764460800000 implements MigrationInterface {
  name = 'AddCustomerAnalyticsIndexes1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'service_contracts',
      new TableIndex({ name: 'idx_contracts_status_cores', columnNames: ['status', 'cores_in_use'] }),
    );
    await queryRunner.createIndex(
      'end_customers',
      new TableIndex({ name: 'idx_customers_sovereign', columnNames: ['sovereign_cloud_required'] }),
    );
    await queryRunner.createIndex('customer_migrations', new TableIndex({ name: 'idx_migrations_reason', columnNames: ['reason'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('customer_migrations', 'idx_migrations_reason');
    await queryRunner.dropIndex('end_customers', 'idx_customers_sovereign');
    await queryRunner.dropIndex('service_contracts', 'idx_contracts_status_cores');
  }
}
