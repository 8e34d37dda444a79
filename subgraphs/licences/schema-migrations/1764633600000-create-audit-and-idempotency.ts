import { schemaMigration } from '../../kit/schema-migrations';
import { writeSupportTables } from '../../kit/writes/tables';

/** The audit trail and idempotency keys of the licences subgraph's writes. */
export const CreateLicencesWriteSupport1764633600000 = schemaMigration('CreateLicencesWriteSupport1764633600000', writeSupportTables);
