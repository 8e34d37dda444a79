import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateLicences1764374400000 implements MigrationInterface {
  name = 'CreateLicences1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'licences',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'holder_id', type: 'varchar', length: '36' },
          { name: 'product', type: 'varchar', length: '40' },
          { name: 'cores', type: 'int' },
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '20' },
        ],
        indices: [
          { name: 'idx_licences_holder', columnNames: ['holder_id', 'status'] },
          { name: 'idx_licences_product', columnNames: ['product'] },
          { name: 'idx_licences_status', columnNames: ['status'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'white_label_agreements',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'primary_id', type: 'varchar', length: '36' },
          { name: 'secondary_id', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'signed_on', type: 'date' },
          { name: 'ends_on', type: 'date', isNullable: true },
        ],
        indices: [
          { name: 'idx_agreements_primary', columnNames: ['primary_id', 'status'] },
          { name: 'idx_agreements_secondary', columnNames: ['secondary_id', 'status'] },
          { name: 'idx_agreements_status', columnNames: ['status'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'licence_allocations',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'licence_id', type: 'varchar', length: '36' },
          { name: 'agreement_id', type: 'varchar', length: '36' },
          { name: 'secondary_id', type: 'varchar', length: '36' },
          { name: 'cores', type: 'int' },
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '20' },
        ],
        foreignKeys: [
          { columnNames: ['licence_id'], referencedTableName: 'licences', referencedColumnNames: ['id'] },
          { columnNames: ['agreement_id'], referencedTableName: 'white_label_agreements', referencedColumnNames: ['id'] },
        ],
        indices: [
          { name: 'idx_allocations_licence', columnNames: ['licence_id', 'status'] },
          { name: 'idx_allocations_agreement', columnNames: ['agreement_id'] },
          { name: 'idx_allocations_secondary', columnNames: ['secondary_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('licence_allocations');
    await queryRunner.dropTable('white_label_agreements');
    await queryRunner.dropTable('licences');
  }
}
