import { column, createTables, schemaMigration } from '../../kit/schema-migrations';

/** Lock rows that serialise concurrent contracts on one allocation (see ContractAllocationLock). */
export const ContractAllocationLocks1764806400000 = schemaMigration(
  'ContractAllocationLocks1764806400000',
  createTables({ name: 'contract_allocation_locks', columns: [column.reference('allocation_id', { primary: true })] }),
);
