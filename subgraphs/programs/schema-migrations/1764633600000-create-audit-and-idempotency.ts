import { schemaMigration } from '../../kit/schema-migrations';
import { writeSupportTables } from '../../kit/writes/tables';

/** The audit trail and idempotency keys of the programs subgraph's writes. */
export const CreateProgramsWriteSupport1764633600000 = schemaMigration('CreateProgramsWriteSupport1764633600000', writeSupportTables);
