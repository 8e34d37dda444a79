import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Indexes for the sort orders of licences and agreements (filters and join keys have theirs since the first migration). */
export class AddLicenceSortIndexes1764460800000 implements MigrationInterface {
  name = 'AddLicenceSortIndexes1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('licences', new TableIndex({ name: 'idx_licences_cores', columnNames: ['cores'] }));
    await queryRunner.createIndex('licences', new TableIndex({ name: 'idx_licences_starts_on', columnNames: ['starts_on'] }));
    await queryRunner.createIndex('licences', new TableIndex({ name: 'idx_licences_ends_on', columnNames: ['ends_on'] }));
    await queryRunner.createIndex(
      'white_label_agreements',
      new TableIndex({ name: 'idx_agreements_signed_on', columnNames: ['signed_on'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('white_label_agreements', 'idx_agreements_signed_on');
    await queryRunner.dropIndex('licences', 'idx_licences_ends_on');
    await queryRunner.dropIndex('licences', 'idx_licences_starts_on');
    await queryRunner.dropIndex('licences', 'idx_licences_cores');
  }
}
