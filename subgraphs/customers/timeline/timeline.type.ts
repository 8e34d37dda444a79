import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { MigrationStatus } from '../migration/migration.entity';

@ObjectType('MigrationDecisionCount')
export class MigrationDecisionCount {
  @Field({ description: '"VMware provider" for moves to another provider in the channel, else the alternative platform.' })
  destination!: string;

  @Field(() => MigrationStatus, { description: 'The status of the migrations today.' })
  status!: MigrationStatus;

  @Field(() => Int)
  migrations!: number;
}

/** A period of the channel timeline as the customers subgraph sees it: customers at risk and migrations decided. */
@ObjectType('TimelinePeriod')
@Directive('@key(fields: "startsOn endsOn")')
export class CustomerTimelinePeriod {
  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;

  @Field(() => [ID])
  @Directive('@external')
  excludedPartnerIds?: string[];
}
