import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keyIdempotencyByCallerAndRequest, keyIdempotencyBySubject } from '../../kit/writes/tables';

/** Idempotency keys of the programs subgraph's writes: per caller, bound to the request's hash. */
export class ProgramsIdempotencyPerCaller1765000000000 implements MigrationInterface {
  name = 'ProgramsIdempotencyPerCaller1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await keyIdempotencyByCallerAndRequest(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await keyIdempotencyBySubject(queryRunner);
  }
}
