import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keyIdempotencyByCallerAndRequest, keyIdempotencyBySubject } from '../../kit/writes/tables';

/** Idempotency keys of the partners subgraph's writes: per caller, bound to the request's hash. */
export class PartnersIdempotencyPerCaller1765000000000 implements MigrationInterface {
  name = 'PartnersIdempotencyPerCaller1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await keyIdempotencyByCallerAndRequest(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await keyIdempotencyBySubject(queryRunner);
  }
}
