import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { payloadType } from '../../kit/writes/record-writes';
import { CustomerMigration, MigrationReason, MigrationStatus } from './migration.entity';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

@InputType({ description: 'A customer leaving a provider: to another provider in the channel, or to an alternative platform.' })
export class RecordMigrationInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  fromProviderId!: string;

  @Field(() => ID, { nullable: true, description: 'A PRIMARY or SECONDARY provider (give this or alternativeVendor).' })
  toProviderId?: string | null;

  @Field(() => String, { nullable: true, description: 'The platform chosen instead (give this or toProviderId).' })
  alternativeVendor?: string | null;

  @Field(() => MigrationReason)
  reason!: MigrationReason;

  @Field(() => MigrationStatus, { defaultValue: MigrationStatus.PLANNED })
  status!: MigrationStatus;

  @Field(() => DateScalar)
  decidedOn!: string;

  @IdempotencyKeyField('recording')
  idempotencyKey?: string | null;
}

export const MigrationPayload = payloadType(
  'MigrationPayload',
  'The migration recorded, or why not (errors); a refused change writes nothing.',
  CustomerMigration,
  'migration',
);
