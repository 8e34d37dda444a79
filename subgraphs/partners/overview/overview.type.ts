import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PartnerCategory, Region } from '../partner/partner.entity';

@ObjectType('CategoryCount')
export class CategoryCount {
  @Field(() => PartnerCategory)
  category!: PartnerCategory;

  @Field(() => Int)
  partners!: number;
}

@ObjectType('RegionCount')
export class RegionCount {
  @Field(() => Region)
  region!: Region;

  @Field(() => Int)
  partners!: number;
}

/** The partners subgraph's channel-wide figures: the directory by category and region. */
@ObjectType('ChannelOverview')
@Directive('@key(fields: "id")')
export class DirectoryOverview {
  @Field(() => ID)
  id!: string;
}
