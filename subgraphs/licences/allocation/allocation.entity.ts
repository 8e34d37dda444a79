import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';

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
  @Field(() => DateScalar)
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  endsOn!: string | null;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => AllocationStatus)
  status!: AllocationStatus;
}
