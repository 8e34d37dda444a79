import { Field, ID, InputType } from 'type-graphql';
import { listOrder, OrderDirection } from '../../kit/connection';
import { payloadType } from '../../kit/writes/record-writes';
import { EndCustomer, Industry } from './customer.entity';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

@InputType({ description: 'Narrows the customer list; all given conditions must hold.' })
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  country?: string | null;

  @Field(() => Industry, { nullable: true })
  industry?: Industry | null;

  @Field(() => ID, { nullable: true, description: 'Partner serving the customer under an ACTIVE contract.' })
  providerId?: string | null;

  @Field(() => Boolean, { nullable: true })
  sovereignCloudRequired?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;
}

export const CustomerOrder = listOrder('Customer', ['name', 'country', 'industry'], { field: 'name', direction: OrderDirection.ASC });
export type CustomerOrder = InstanceType<typeof CustomerOrder>;

@InputType({ description: 'A new end customer (channel team only).' })
export class CreateCustomerInput {
  @Field()
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;

  @Field(() => Industry)
  industry!: Industry;

  @Field({ description: 'Whether its data must stay in a sovereign cloud.' })
  sovereignCloudRequired!: boolean;

  @IdempotencyKeyField('creating')
  idempotencyKey?: string | null;
}

export const CustomerPayload = payloadType(
  'CustomerPayload',
  'The customer created, or why not (errors); a refused change writes nothing.',
  EndCustomer,
  'customer',
);
