import { DateColumn, EnumColumn, IdColumn, ReferenceColumn, StatusColumn, TextColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';

export const MigrationReason = graphqlEnum({
  name: 'MigrationReason',
  values: ['PROVIDER_EXCLUDED', 'COST', 'SOVEREIGNTY', 'CONSOLIDATION'],
});
export type MigrationReason = EnumValue<typeof MigrationReason>;

export const MigrationStatus = graphqlEnum({ name: 'MigrationStatus', values: ['PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] });
export type MigrationStatus = EnumValue<typeof MigrationStatus>;

@StoredEntity({
  table: 'customer_migrations',
  type: 'CustomerMigration',
  description: 'A customer leaving a provider: to another provider in the channel, or to an alternative platform.',
})
export class CustomerMigration {
  @IdColumn()
  id!: string;

  @ReferenceColumn('customer_id')
  customerId!: string;

  @ReferenceColumn('from_provider_id')
  fromProviderId!: string;

  @ReferenceColumn('to_provider_id', { nullable: true })
  toProviderId!: string | null;

  @TextColumn({
    column: 'alternative_vendor',
    length: 100,
    nullable: true,
    description: 'The platform chosen instead of a VMware provider, if any.',
  })
  alternativeVendor!: string | null;

  @EnumColumn(MigrationReason, { length: 30 })
  reason!: MigrationReason;

  @StatusColumn(MigrationStatus)
  status!: MigrationStatus;

  @DateColumn({ column: 'decided_on' })
  decidedOn!: string;
}
