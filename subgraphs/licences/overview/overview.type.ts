import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LicenceProduct } from '../licence/licence.entity';

@ObjectType('ProductCores')
export class ProductCores {
  @Field(() => LicenceProduct)
  product!: LicenceProduct;

  @Field(() => Int)
  cores!: number;
}

/** The licences subgraph's channel-wide figures: cores licensed and allocated, agreements. */
@ObjectType('ChannelOverview')
@Directive('@key(fields: "id")')
export class LicensingOverview {
  @Field(() => ID)
  id!: string;
}
