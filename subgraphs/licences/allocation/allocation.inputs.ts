import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { UserError } from '../../kit/writes/user-error';
import { LicenceAllocation } from './allocation.entity';
import { ListOf } from '../../kit/policy';

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

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of allocating twice.' })
  idempotencyKey?: string | null;
}

@InputType()
export class ReleaseAllocationInput {
  @Field(() => ID)
  allocationId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the allocation; today when omitted.' })
  endsOn?: string | null;
}

@ObjectType({ description: 'The allocation made, or why not (errors); a refused allocation writes nothing.' })
export class AllocateCoresPayload {
  @Field(() => LicenceAllocation, { nullable: true })
  allocation!: LicenceAllocation | null;

  @ListOf(5)
  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType({ description: 'The released allocation (its cores back on the licence), or why not.' })
export class ReleaseAllocationPayload {
  @Field(() => LicenceAllocation, { nullable: true })
  allocation!: LicenceAllocation | null;

  @ListOf(5)
  @Field(() => [UserError])
  errors!: UserError[];
}
