import { schemaMigration } from '../../kit/schema-migrations';
import { idempotencyPerCallerAndRequest } from '../../kit/writes/tables';

/** Idempotency keys of the partners subgraph's writes: per caller, bound to the request's hash. */
export const PartnersIdempotencyPerCaller1765000000000 = schemaMigration(
  'PartnersIdempotencyPerCaller1765000000000',
  idempotencyPerCallerAndRequest,
);
