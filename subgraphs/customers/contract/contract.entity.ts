import { FirstDayColumn, IdColumn, IntColumn, LastDayColumn, ReferenceColumn, StatusColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import type { Lifecycle } from '../../kit/validity';
import type { EndCustomer } from '../customer/customer.entity';

export const ContractStatus = graphqlEnum({ name: 'ContractStatus', values: ['ACTIVE', 'ENDED'] });
export type ContractStatus = EnumValue<typeof ContractStatus>;

@StoredEntity({
  table: 'service_contracts',
  type: 'ServiceContract',
  description: "A customer served by a provider, on one of the provider's licences (primary) or allocations (secondary).",
})
export class ServiceContract {
  @IdColumn()
  id!: string;

  @ReferenceColumn('customer_id')
  customerId!: string;

  @ReferenceColumn('provider_id')
  providerId!: string;

  @ReferenceColumn('licence_id', { nullable: true })
  licenceId!: string | null;

  @ReferenceColumn('allocation_id', { nullable: true })
  allocationId!: string | null;

  @IntColumn({ column: 'cores_in_use' })
  coresInUse!: number;

  @FirstDayColumn()
  startsOn!: string;

  @LastDayColumn({
    openEnded: true,
    description: 'Last day in force (included): the planned end or the day it ended; null: open-ended.',
  })
  endsOn!: string | null;

  @StatusColumn(ContractStatus, {
    description: 'ACTIVE as opened; ENDED when ended or once endsOn has passed (status follows the dates).',
  })
  status!: ContractStatus;

  /**
   * The customer, when the statement that loaded the contract joined it. Not a column; only set
   * on contracts read through the caller's contract scope, whose customers the caller may see.
   */
  customer?: EndCustomer;
}

/** A contract recorded ACTIVE has ENDED once its last day has passed. */
export const CONTRACT_LIFECYCLE: Lifecycle<ContractStatus> = { active: ContractStatus.ACTIVE, ended: ContractStatus.ENDED };
