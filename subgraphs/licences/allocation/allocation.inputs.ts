import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { payloadType } from '../../kit/writes/record-writes';
import { LicenceAllocation } from './allocation.entity';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

@InputType({ description: "Cores of a primary's licence to allocate to the secondary of an agreement." })
export class AllocateCoresInput {
  @Field(() => ID)
  agreementId!: string;

  @Field(() => ID, { description: "A licence held by the agreement's primary." })
  licenceId!: string;

  @Field(() => Int, { description: "At least 1, at most the licence's available cores." })
  cores!: number;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @IdempotencyKeyField('allocating')
  idempotencyKey?: string | null;
}

@InputType()
export class ReleaseAllocationInput {
  @Field(() => ID)
  allocationId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the allocation; today when omitted.' })
  endsOn?: string | null;
}

export const AllocateCoresPayload = payloadType(
  'AllocateCoresPayload',
  'The allocation made, or why not (errors); a refused allocation writes nothing.',
  LicenceAllocation,
  'allocation',
);

export const ReleaseAllocationPayload = payloadType(
  'ReleaseAllocationPayload',
  'The released allocation (its cores back on the licence), or why not.',
  LicenceAllocation,
  'allocation',
);
