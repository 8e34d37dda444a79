import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';
import type { Lifecycle } from '../../kit/validity';
import type { EndCustomer } from '../customer/customer.entity';

export enum ContractStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(ContractStatus, { name: 'ContractStatus' });

@Entity('service_contracts')
@ObjectType('ServiceContract', {
  description: "A customer served by a provider, on one of the provider's licences (primary) or allocations (secondary).",
})
@Directive('@key(fields: "id")')
export class ServiceContract {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ name: 'licence_id', type: 'varchar', length: 36, nullable: true })
  licenceId!: string | null;

  @Column({ name: 'allocation_id', type: 'varchar', length: 36, nullable: true })
  allocationId!: string | null;

  @Column({ name: 'cores_in_use', type: 'int' })
  @Field(() => Int)
  coresInUse!: number;

  @Column({ name: 'starts_on', type: 'date' })
  @Field(() => DateScalar, { description: 'First day in force.' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day in force (included): the planned end or the day it ended; null: open-ended.',
  })
  endsOn!: string | null;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => ContractStatus, { description: 'ACTIVE as opened; ENDED when ended or once endsOn has passed (status follows the dates).' })
  status!: ContractStatus;

  /**
   * The customer, when the statement that loaded the contract joined it. Not a column; only set
   * on contracts read through the caller's contract scope, whose customers the caller may see.
   */
  customer?: EndCustomer;
}

/** A contract recorded ACTIVE has ENDED once its last day has passed. */
export const CONTRACT_LIFECYCLE: Lifecycle<ContractStatus> = { active: ContractStatus.ACTIVE, ended: ContractStatus.ENDED };
