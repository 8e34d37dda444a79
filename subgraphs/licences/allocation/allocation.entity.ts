import { FirstDayColumn, IdColumn, IntColumn, LastDayColumn, ReferenceColumn, StatusColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import type { Lifecycle } from '../../kit/validity';

export const AllocationStatus = graphqlEnum({
  name: 'AllocationStatus',
  description: 'RELEASED cores went back to the licence.',
  values: ['ACTIVE', 'RELEASED'],
});
export type AllocationStatus = EnumValue<typeof AllocationStatus>;

@StoredEntity({
  table: 'licence_allocations',
  type: 'LicenceAllocation',
  description: "Cores of a primary's licence allocated to a secondary under an agreement.",
})
export class LicenceAllocation {
  @IdColumn()
  id!: string;

  @ReferenceColumn('licence_id')
  licenceId!: string;

  @ReferenceColumn('agreement_id')
  agreementId!: string;

  @ReferenceColumn('secondary_id')
  secondaryId!: string;

  @IntColumn()
  cores!: number;

  @FirstDayColumn()
  startsOn!: string;

  @LastDayColumn({
    openEnded: true,
    description: 'Last day in force (included): the planned end or the day released; null: open-ended.',
  })
  endsOn!: string | null;

  @StatusColumn(AllocationStatus, {
    description: 'ACTIVE as allocated; RELEASED when released or once endsOn has passed (status follows the dates).',
  })
  status!: AllocationStatus;
}

/** An allocation recorded ACTIVE is RELEASED once its last day has passed. */
export const ALLOCATION_LIFECYCLE: Lifecycle<AllocationStatus> = { active: AllocationStatus.ACTIVE, ended: AllocationStatus.RELEASED };
