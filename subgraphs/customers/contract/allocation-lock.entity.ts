import { Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per allocation contracts are opened on, locked while a contract is placed on it: the
 * allocation's row lives in the licences database, so this is what serialises concurrent
 * contracts sharing its cores here.
 */
@Entity('contract_allocation_locks')
export class ContractAllocationLock {
  @PrimaryColumn({ name: 'allocation_id', type: 'varchar', length: 36 })
  allocationId!: string;
}
