import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** The licences subgraph's part of a threshold scenario: who would qualify on licensed cores. */
@ObjectType('ThresholdScenario')
@Directive('@key(fields: "minLicensedCores baselineMinLicensedCores")')
export class LicensingScenario {
  @Field(() => Int)
  minLicensedCores!: number;

  @Field(() => Int)
  baselineMinLicensedCores!: number;
}
