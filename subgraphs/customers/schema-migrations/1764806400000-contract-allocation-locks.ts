import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Lock rows that serialise concurrent contracts on one allocation (see ContractAllocationLock). */
export class ContractAllocationLocks1764806400000 implements MigrationInterface {
  name = 'ContractAllocationLocks1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'contract_allocation_locks',
        columns: [{ name: 'allocation_id', type: 'varchar', length: '36', isPrimary: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('contract_allocation_locks');
  }
}
