import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Customers by country and sovereign-cloud requirement together (CustomerSearch's filter): with an
 * index on each alone, MariaDB intersected the two, reading every sovereign customer (about half of
 * them) for one country's few; the page and its totalCount now read only the matching entries
 * (bench/README.md, "Counts").
 */
export class CustomersCountrySovereignIndex1765200000000 implements MigrationInterface {
  name = 'CustomersCountrySovereignIndex1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'end_customers',
      new TableIndex({ name: 'idx_customers_country_sovereign', columnNames: ['country', 'sovereign_cloud_required'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('end_customers', 'idx_customers_country_sovereign');
  }
}
