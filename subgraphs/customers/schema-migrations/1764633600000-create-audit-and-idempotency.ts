import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createWriteSupportTables, dropWriteSupportTables } from '../../kit/writes/tables';

/** The audit trail and idempotency keys of the customers subgraph's writes. */
export class CreateCustomersWriteSupport1764633600000 implements MigrationInterface {
  name = 'CreateCustomersWriteSupport1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWriteSupportTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropWriteSupportTables(queryRunner);
  }
}
