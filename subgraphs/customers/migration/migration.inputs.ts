import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { UserError } from '../../kit/writes/user-error';
import { CustomerMigration, MigrationReason, MigrationStatus } from './migration.entity';
import { ListOf } from '../../kit/policy';

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

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of recording twice.' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The migration recorded, or why not (errors); a refused change writes nothing.' })
export class MigrationPayload {
  @Field(() => CustomerMigration, { nullable: true })
  migration!: CustomerMigration | null;

  @ListOf(5)
  @Field(() => [UserError])
  errors!: UserError[];
}
