import { Field, InputType } from 'type-graphql';
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
}
