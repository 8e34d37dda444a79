import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';

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
  @Field(() => DateScalar)
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  endsOn!: string | null;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => ContractStatus)
  status!: ContractStatus;
}
