import { DateScalar } from '../../kit/scalars';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { LicencesContext } from '../context';
import { LicensingOverview, ProductCores } from './overview.type';
import { ListOf } from '../../kit/policy';

@Resolver(() => LicensingOverview)
export class LicensingOverviewResolver {
  @FieldResolver(() => Int, { description: 'Cores of every licence held from the vendor that is in force today.' })
  async licensedCores(@Root() _overview: LicensingOverview, @Ctx() { licences }: LicencesContext) {
    return (await licences.coresInForceByProduct()).reduce((sum, row) => sum + row.cores, 0);
  }

  @ListOf(3)
  @FieldResolver(() => [ProductCores], { description: 'Cores of the licences in force today, per product.' })
  licensedCoresByProduct(@Root() _overview: LicensingOverview, @Ctx() { licences }: LicencesContext) {
    return licences.coresInForceByProduct();
  }

  @FieldResolver(() => Int, { description: "Cores of primaries' licences in allocations to secondaries in force today." })
  allocatedCores(@Root() _overview: LicensingOverview, @Ctx() { allocations }: LicencesContext) {
    return allocations.coresAllocatedToday();
  }

  @FieldResolver(() => Int, { description: 'White-label agreements in force on a day (signedOn ≤ day ≤ endsOn).' })
  activeAgreements(
    @Root() _overview: LicensingOverview,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The day; today when omitted.' }) asOf: string | null,
    @Ctx() { agreements }: LicencesContext,
  ) {
    return agreements.countInForce(asOf);
  }
}
