import { column, createTables, replaceTable, type TableDefinition } from '../schema-migrations';

const auditEvents: TableDefinition = {
  name: 'audit_events',
  columns: [
    column.id(),
    column.text('entity_type', 40),
    column.reference('entity_id'),
    column.text('action', 40),
    column.text('actor_subject', 200),
    column.text('actor_role', 20),
    column.reference('actor_partner_id', { nullable: true }),
    column.instant('occurred_at'),
    column.json('before_json', { nullable: true }),
    column.json('after_json', { nullable: true }),
  ],
  indices: { idx_audit_entity: ['entity_type', 'entity_id'], idx_audit_actor: ['actor_subject'], idx_audit_occurred: ['occurred_at'] },
};

/** The idempotency table as writeSupportTables first made it: keys per subject, bound to nothing. */
const perSubjectIdempotencyKeys: TableDefinition = {
  name: 'idempotency_keys',
  columns: [
    column.text('actor_subject', 200, { primary: true }),
    column.text('idempotency_key', 100, { primary: true }),
    column.text('operation', 40),
    column.reference('result_id'),
    column.instant('created_at'),
  ],
};

/** Idempotency keys per caller (role, partner and subject) and bound to the request's hash (subgraphs/kit/writes/writer.ts). */
const perCallerIdempotencyKeys: TableDefinition = {
  name: 'idempotency_keys',
  columns: [
    column.sha256('caller_sha256', { primary: true }),
    column.text('idempotency_key', 100, { primary: true }),
    column.text('actor_role', 20),
    column.reference('actor_partner_id', { nullable: true }),
    column.text('actor_subject', 200),
    column.text('operation', 40),
    column.sha256('request_sha256'),
    column.reference('result_id'),
    column.instant('created_at'),
  ],
  indices: { idx_idempotency_created: ['created_at'] },
};

/** The audit and idempotency tables every subgraph that writes has in its own database. */
export const writeSupportTables = createTables(auditEvents, perSubjectIdempotencyKeys);

/**
 * Idempotency keys per caller and bound to the request's hash. Keys stored before were per subject
 * only and bound to nothing: they are dropped (a retry of a request older than this migration
 * writes again); undone back to the per-subject table, its keys dropped too.
 */
export const idempotencyPerCallerAndRequest = replaceTable(perSubjectIdempotencyKeys, perCallerIdempotencyKeys);
