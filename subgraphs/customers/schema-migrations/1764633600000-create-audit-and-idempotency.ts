import { schemaMigration } from '../../kit/schema-migrations';
import { writeSupportTables } from '../../kit/writes/tables';

/** The audit trail and idempotency keys of the customers subgraph's writes. */
export const CreateCustomersWriteSupport1764633600000 = schemaMigration('CreateCustomersWriteSupport1764633600000', writeSupportTables);
