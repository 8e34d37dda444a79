import { Field, InputType, registerEnumType } from 'type-graphql';
import { ChannelStatus } from '../../kit/channel-status';
import { OrderDirection } from '../../kit/connection';
import { PartnerCategory, Region } from './partner.entity';

@InputType({ description: 'Narrows the partner directory; all given conditions must hold.' })
export class PartnerFilter {
  @Field(() => PartnerCategory, { nullable: true })
  category?: PartnerCategory | null;

  @Field(() => Region, { nullable: true })
  region?: Region | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;

  @Field(() => ChannelStatus, { nullable: true, description: 'Channel status today (decided by the programs subgraph).' })
  channelStatus?: ChannelStatus | null;
}

export enum PartnerOrderField {
  NAME = 'name',
  COUNTRY = 'country',
  CATEGORY = 'category',
}
registerEnumType(PartnerOrderField, { name: 'PartnerOrderField' });

@InputType({ description: 'Sort order of partners; ties are broken by id.' })
export class PartnerOrder {
  @Field(() => PartnerOrderField, { defaultValue: PartnerOrderField.NAME })
  field!: PartnerOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}
