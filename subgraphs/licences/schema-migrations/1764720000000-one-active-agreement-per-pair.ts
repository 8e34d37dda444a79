import { TableColumn, TableIndex } from 'typeorm';
import { column, schemaMigration } from '../../kit/schema-migrations';

/**
 * "One active agreement per pair" enforced by the database: `active_pair` is 'Y' on ACTIVE
 * agreements and NULL otherwise, and a unique index over (primary, secondary, active_pair)
 * lets any number of ended agreements exist but only one active one, even under concurrency.
 */
export const OneActiveAgreementPerPair1764720000000 = schemaMigration('OneActiveAgreementPerPair1764720000000', {
  async up(queryRunner) {
    await queryRunner.addColumn('white_label_agreements', new TableColumn(column.text('active_pair', 1, { nullable: true })));
    await queryRunner.query("UPDATE white_label_agreements SET active_pair = 'Y' WHERE status = 'ACTIVE'");
    await queryRunner.createIndex(
      'white_label_agreements',
      new TableIndex({ name: 'uq_agreements_active_pair', columnNames: ['primary_id', 'secondary_id', 'active_pair'], isUnique: true }),
    );
  },
  async down(queryRunner) {
    await queryRunner.dropIndex('white_label_agreements', 'uq_agreements_active_pair');
    await queryRunner.dropColumn('white_label_agreements', 'active_pair');
  },
});
