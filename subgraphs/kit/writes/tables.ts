import { Table, type QueryRunner } from 'typeorm';

/**
 * The idempotency table as createWriteSupportTables first made it: keys per subject, bound to
 * nothing (keyIdempotencyByCallerAndRequest replaces it; keyIdempotencyBySubject brings it back).
 */
function perSubjectIdempotencyKeys(): Table {
  return new Table({
    name: 'idempotency_keys',
    columns: [
      { name: 'actor_subject', type: 'varchar', length: '200', isPrimary: true },
      { name: 'idempotency_key', type: 'varchar', length: '100', isPrimary: true },
      { name: 'operation', type: 'varchar', length: '40' },
      { name: 'result_id', type: 'varchar', length: '36' },
      { name: 'created_at', type: 'varchar', length: '24' },
    ],
  });
}

/** The audit and idempotency tables every subgraph that writes has in its own database. */
export async function createWriteSupportTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.createTable(
    new Table({
      name: 'audit_events',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'entity_type', type: 'varchar', length: '40' },
        { name: 'entity_id', type: 'varchar', length: '36' },
        { name: 'action', type: 'varchar', length: '40' },
        { name: 'actor_subject', type: 'varchar', length: '200' },
        { name: 'actor_role', type: 'varchar', length: '20' },
        { name: 'actor_partner_id', type: 'varchar', length: '36', isNullable: true },
        { name: 'occurred_at', type: 'varchar', length: '24' },
        { name: 'before_json', type: 'text', isNullable: true },
        { name: 'after_json', type: 'text', isNullable: true },
      ],
      indices: [
        { name: 'idx_audit_entity', columnNames: ['entity_type', 'entity_id'] },
        { name: 'idx_audit_actor', columnNames: ['actor_subject'] },
        { name: 'idx_audit_occurred', columnNames: ['occurred_at'] },
      ],
    }),
  );
  await queryRunner.createTable(perSubjectIdempotencyKeys());
}

export async function dropWriteSupportTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.dropTable('idempotency_keys');
  await queryRunner.dropTable('audit_events');
}

/**
 * Idempotency keys per caller (role, partner and subject) and bound to the request's hash
 * (subgraphs/kit/writes/writer.ts). Keys stored before were per subject only and bound to nothing:
 * they are dropped (a retry of a request older than this migration writes again).
 */
export async function keyIdempotencyByCallerAndRequest(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.dropTable('idempotency_keys');
  await queryRunner.createTable(
    new Table({
      name: 'idempotency_keys',
      columns: [
        { name: 'caller_sha256', type: 'varchar', length: '64', isPrimary: true },
        { name: 'idempotency_key', type: 'varchar', length: '100', isPrimary: true },
        { name: 'actor_role', type: 'varchar', length: '20' },
        { name: 'actor_partner_id', type: 'varchar', length: '36', isNullable: true },
        { name: 'actor_subject', type: 'varchar', length: '200' },
        { name: 'operation', type: 'varchar', length: '40' },
        { name: 'request_sha256', type: 'varchar', length: '64' },
        { name: 'result_id', type: 'varchar', length: '36' },
        { name: 'created_at', type: 'varchar', length: '24' },
      ],
      indices: [{ name: 'idx_idempotency_created', columnNames: ['created_at'] }],
    }),
  );
}

/** Back to the per-subject table of createWriteSupportTables (its keys are dropped). */
export async function keyIdempotencyBySubject(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.dropTable('idempotency_keys');
  await queryRunner.createTable(perSubjectIdempotencyKeys());
}
