import { Field, ID, InputType } from 'type-graphql';
import { LicenceProduct, LicenceStatus } from './licence.entity';

@InputType({ description: 'Narrows the licence list; all given conditions must hold.' })
export class LicenceFilter {
  @Field(() => ID, { nullable: true, description: 'Partner holding the licence.' })
  holderId?: string | null;

  @Field(() => LicenceProduct, { nullable: true })
  product?: LicenceProduct | null;

  @Field(() => LicenceStatus, { nullable: true })
  status?: LicenceStatus | null;
}
