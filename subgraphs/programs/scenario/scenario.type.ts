import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * "What if the Advantage threshold were N cores?" Keyed by both thresholds so every subgraph
 * can compare the scenario with today: licences says who qualifies, programs how that differs
 * from who is admitted, customers how many customers the non-qualifying partners serve.
 */
@ObjectType('ThresholdScenario', { description: 'The channel under a hypothetical Advantage threshold, compared with today.' })
@Directive('@key(fields: "minLicensedCores baselineMinLicensedCores")')
export class ThresholdScenario {
  @Field(() => Int, { description: 'The hypothetical minimum of licensed cores.' })
  minLicensedCores!: number;

  @Field(() => Int, { description: "Today's minimum: the ADVANTAGE program's minLicensedCores." })
  baselineMinLicensedCores!: number;

  @Field(() => [ID], { description: 'Owned by the licences subgraph.' })
  @Directive('@external')
  qualifyingPartnerIds?: string[];
}
