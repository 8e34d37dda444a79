import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';
import type { Lifecycle } from '../../kit/validity';

export enum AllocationStatus {
  ACTIVE = 'ACTIVE',
  RELEASED = 'RELEASED',
}
registerEnumType(AllocationStatus, { name: 'AllocationStatus', description: 'RELEASED cores went back to the licence.' });

@Entity('licence_allocations')
@ObjectType('LicenceAllocation', { description: "Cores of a primary's licence allocated to a secondary under an agreement." })
@Directive('@key(fields: "id")')
export class LicenceAllocation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'licence_id', type: 'varchar', length: 36 })
  licenceId!: string;

  @Column({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId!: string;

  @Column({ name: 'secondary_id', type: 'varchar', length: 36 })
  secondaryId!: string;

  @Column({ type: 'int' })
  @Field(() => Int)
  cores!: number;

  @Column({ name: 'starts_on', type: 'date' })
  @Field(() => DateScalar, { description: 'First day in force.' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day in force (included): the planned end or the day released; null: open-ended.',
  })
  endsOn!: string | null;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => AllocationStatus, {
    description: 'ACTIVE as allocated; RELEASED when released or once endsOn has passed (status follows the dates).',
  })
  status!: AllocationStatus;
}

/** An allocation recorded ACTIVE is RELEASED once its last day has passed. */
export const ALLOCATION_LIFECYCLE: Lifecycle<AllocationStatus> = { active: AllocationStatus.ACTIVE, ended: AllocationStatus.RELEASED };
