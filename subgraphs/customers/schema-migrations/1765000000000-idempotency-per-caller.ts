import { schemaMigration } from '../../kit/schema-migrations';
import { idempotencyPerCallerAndRequest } from '../../kit/writes/tables';

/** Idempotency keys of the customers subgraph's writes: per caller, bound to the request's hash. */
export const CustomersIdempotencyPerCaller1765000000000 = schemaMigration(
  'CustomersIdempotencyPerCaller1765000000000',
  idempotencyPerCallerAndRequest,
);
