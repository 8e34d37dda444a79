import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { payloadType } from '../../kit/writes/record-writes';
import { ServiceContract } from './contract.entity';
import { listOrder, OrderDirection } from '../../kit/connection';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

export const ContractOrder = listOrder('Contract', ['id', 'coresInUse', 'startsOn'], {
  field: 'coresInUse',
  direction: OrderDirection.DESC,
});
export type ContractOrder = InstanceType<typeof ContractOrder>;

@InputType({ description: 'A customer served by a provider: on one of its licences (a primary) or one of its allocations (a secondary).' })
export class OpenContractInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  providerId!: string;

  @Field(() => ID, { nullable: true, description: "A primary's own licence (give this or allocationId)." })
  licenceId?: string | null;

  @Field(() => ID, { nullable: true, description: "A secondary's own ACTIVE allocation (give this or licenceId)." })
  allocationId?: string | null;

  @Field(() => Int)
  coresInUse!: number;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @IdempotencyKeyField('opening')
  idempotencyKey?: string | null;
}

@InputType()
export class EndContractInput {
  @Field(() => ID)
  contractId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; today when omitted.' })
  endsOn?: string | null;
}

@InputType({ description: 'Moves a customer from its provider to another: the contract ends, a new one opens with the same cores.' })
export class TransferContractInput {
  @Field(() => ID)
  contractId!: string;

  @Field(() => ID)
  toProviderId!: string;

  @Field(() => ID, { nullable: true, description: "The new provider's licence (a primary)." })
  licenceId?: string | null;

  @Field(() => ID, { nullable: true, description: "The new provider's allocation (a secondary)." })
  allocationId?: string | null;

  @Field(() => DateScalar, { description: 'Last day with the old provider and first with the new one.' })
  on!: string;
}

export const ContractPayload = payloadType(
  'ContractPayload',
  'The contract after the change, or why not (errors); a refused change writes nothing.',
  ServiceContract,
  'contract',
);
