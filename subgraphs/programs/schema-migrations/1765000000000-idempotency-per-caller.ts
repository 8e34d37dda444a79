import { schemaMigration } from '../../kit/schema-migrations';
import { idempotencyPerCallerAndRequest } from '../../kit/writes/tables';

/** Idempotency keys of the programs subgraph's writes: per caller, bound to the request's hash. */
export const ProgramsIdempotencyPerCaller1765000000000 = schemaMigration(
  'ProgramsIdempotencyPerCaller1765000000000',
  idempotencyPerCallerAndRequest,
);
