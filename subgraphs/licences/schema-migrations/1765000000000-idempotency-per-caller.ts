import { schemaMigration } from '../../kit/schema-migrations';
import { idempotencyPerCallerAndRequest } from '../../kit/writes/tables';

/** Idempotency keys of the licences subgraph's writes: per caller, bound to the request's hash. */
export const LicencesIdempotencyPerCaller1765000000000 = schemaMigration(
  'LicencesIdempotencyPerCaller1765000000000',
  idempotencyPerCallerAndRequest,
);
