import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';

export enum MigrationReason {
  PROVIDER_EXCLUDED = 'PROVIDER_EXCLUDED',
  COST = 'COST',
  SOVEREIGNTY = 'SOVEREIGNTY',
  CONSOLIDATION = 'CONSOLIDATION',
}
registerEnumType(MigrationReason, { name: 'MigrationReason' });

export enum MigrationStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MigrationStatus, { name: 'MigrationStatus' });

@Entity('customer_migrations')
@ObjectType('CustomerMigration', {
  description: 'A customer leaving a provider: to another provider in the channel, or to an alternative platform.',
})
@Directive('@key(fields: "id")')
export class CustomerMigration {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ name: 'from_provider_id', type: 'varchar', length: 36 })
  fromProviderId!: string;

  @Column({ name: 'to_provider_id', type: 'varchar', length: 36, nullable: true })
  toProviderId!: string | null;

  @Column({ name: 'alternative_vendor', type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'The platform chosen instead of a VMware provider, if any.' })
  alternativeVendor!: string | null;

  @Column({ type: 'varchar', length: 30 })
  @Field(() => MigrationReason)
  reason!: MigrationReason;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => MigrationStatus)
  status!: MigrationStatus;

  @Column({ name: 'decided_on', type: 'date' })
  @Field(() => DateScalar)
  decidedOn!: string;
}
