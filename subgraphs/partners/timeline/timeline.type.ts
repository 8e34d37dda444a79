import { Directive, Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';

/** A period of the channel timeline as the partners subgraph sees it: it adds the directory's size. */
@ObjectType('TimelinePeriod')
@Directive('@key(fields: "startsOn endsOn")')
export class DirectoryTimelinePeriod {
  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;
}
