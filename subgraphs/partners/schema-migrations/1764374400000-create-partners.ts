import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreatePartners1764374400000 implements MigrationInterface {
  name = 'CreatePartners1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'partners',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'country', type: 'varchar', length: '2' },
          { name: 'region', type: 'varchar', length: '8' },
          { name: 'category', type: 'varchar', length: '40' },
          { name: 'website', type: 'varchar', length: '300', isNullable: true },
        ],
        indices: [
          { name: 'idx_partners_name', columnNames: ['name'] },
          { name: 'idx_partners_country', columnNames: ['country'] },
          { name: 'idx_partners_region', columnNames: ['region'] },
          { name: 'idx_partners_category', columnNames: ['category'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('partners');
  }
}
