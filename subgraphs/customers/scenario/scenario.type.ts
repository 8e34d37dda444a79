import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** The customers subgraph's part of a threshold scenario: the customers the non-qualifying partners serve. */
@ObjectType('ThresholdScenario')
@Directive('@key(fields: "minLicensedCores baselineMinLicensedCores")')
export class CustomerScenario {
  @Field(() => Int)
  minLicensedCores!: number;

  @Field(() => Int)
  baselineMinLicensedCores!: number;

  @Field(() => [ID])
  @Directive('@external')
  nonQualifyingPartnerIds?: string[];

  @Field(() => [ID])
  @Directive('@external')
  baselineNonQualifyingPartnerIds?: string[];
}
