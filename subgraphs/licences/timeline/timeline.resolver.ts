import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { LicencesContext } from '../context';
import { LicensingTimelinePeriod } from './timeline.type';

@Resolver(() => LicensingTimelinePeriod)
export class LicensingTimelineResolver {
  @FieldResolver(() => Int, { description: 'White-label agreements in force on the last day of the period.' })
  activeAgreements(@Root() period: LicensingTimelinePeriod, @Ctx() { agreements }: LicencesContext) {
    return agreements.countInForceOn(period.endsOn);
  }

  @FieldResolver(() => Int, {
    description: "Cores of primaries' licences in allocations to secondaries in force on the last day of the period.",
  })
  allocatedCores(@Root() period: LicensingTimelinePeriod, @Ctx() { allocations }: LicencesContext) {
    return allocations.allocatedCoresOn(period.endsOn);
  }
}
