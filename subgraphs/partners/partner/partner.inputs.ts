import { Field, ID, InputType } from 'type-graphql';
import { payloadType } from '../../kit/writes/record-writes';
import { ChannelStatus } from '../../kit/channel-status';
import { listOrder, OrderDirection } from '../../kit/connection';
import { Partner, PartnerCategory, Region } from './partner.entity';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

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

export const PartnerOrder = listOrder('Partner', ['name', 'country', 'category'], { field: 'name', direction: OrderDirection.ASC });
export type PartnerOrder = InstanceType<typeof PartnerOrder>;

@InputType({ description: 'A new partner in the directory.' })
export class CreatePartnerInput {
  @Field()
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;

  @Field(() => Region)
  region!: Region;

  @Field(() => PartnerCategory)
  category!: PartnerCategory;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @IdempotencyKeyField('creating')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a partner; fields left out stay as they are (website: null clears it).' })
export class UpdatePartnerInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => Region, { nullable: true })
  region?: Region | null;

  @Field(() => PartnerCategory, { nullable: true })
  category?: PartnerCategory | null;

  @Field(() => String, { nullable: true })
  website?: string | null;
}

export const PartnerPayload = payloadType(
  'PartnerPayload',
  'The partner after the change, or why not (errors); a refused change writes nothing.',
  Partner,
  'partner',
);
