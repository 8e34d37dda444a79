import { schemaMigration } from '../../kit/schema-migrations';
import { writeSupportTables } from '../../kit/writes/tables';

/** The audit trail and idempotency keys of the partners subgraph's writes. */
export const CreatePartnersWriteSupport1764633600000 = schemaMigration('CreatePartnersWriteSupport1764633600000', writeSupportTables);
