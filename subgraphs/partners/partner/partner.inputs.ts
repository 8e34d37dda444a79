import { Field, InputType, registerEnumType } from 'type-graphql';
import { ChannelStatus } from '../../kit/channel-status';
import { OrderDirection, orderInput } from '../../kit/connection';
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

export const PartnerOrder = orderInput(PartnerOrderField, 'PartnerOrder', { field: PartnerOrderField.NAME, direction: OrderDirection.ASC });
export type PartnerOrder = InstanceType<typeof PartnerOrder>;
