import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection, orderInput } from '../../kit/connection';
import { Industry } from './customer.entity';

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

export enum CustomerOrderField {
  NAME = 'name',
  COUNTRY = 'country',
  INDUSTRY = 'industry',
}
registerEnumType(CustomerOrderField, { name: 'CustomerOrderField' });

export const CustomerOrder = orderInput(CustomerOrderField, 'CustomerOrder', { field: CustomerOrderField.NAME, direction: OrderDirection.ASC });
export type CustomerOrder = InstanceType<typeof CustomerOrder>;
