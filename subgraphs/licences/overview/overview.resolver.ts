import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { LicencesContext } from '../context';
import { LicensingOverview, ProductCores } from './overview.type';
import { ListOf } from '../../kit/policy';

@Resolver(() => LicensingOverview)
export class LicensingOverviewResolver {
  @FieldResolver(() => Int, { description: 'Cores of all ACTIVE licences held from the vendor.' })
  async licensedCores(@Root() _overview: LicensingOverview, @Ctx() { licences }: LicencesContext) {
    return (await licences.activeCoresByProduct()).reduce((sum, row) => sum + row.cores, 0);
  }

  @ListOf(3)
  @FieldResolver(() => [ProductCores], { description: 'Cores of ACTIVE licences per product.' })
  licensedCoresByProduct(@Root() _overview: LicensingOverview, @Ctx() { licences }: LicencesContext) {
    return licences.activeCoresByProduct();
  }

  @FieldResolver(() => Int, { description: "Cores of primaries' licences in ACTIVE allocations to secondaries." })
  allocatedCores(@Root() _overview: LicensingOverview, @Ctx() { allocations }: LicencesContext) {
    return allocations.activeAllocatedCores();
  }

  @FieldResolver(() => Int, { description: 'White-label agreements in force.' })
  activeAgreements(@Root() _overview: LicensingOverview, @Ctx() { agreements }: LicencesContext) {
    return agreements.countActive();
  }
}
