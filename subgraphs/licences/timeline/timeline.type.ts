import { Directive, Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';

/** A period of the channel timeline as the licences subgraph sees it: it adds agreements and cores. */
@ObjectType('TimelinePeriod')
@Directive('@key(fields: "startsOn endsOn")')
export class LicensingTimelinePeriod {
  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;
}
