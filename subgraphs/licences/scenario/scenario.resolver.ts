import { Args, Ctx, Directive, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { LicencesContext } from '../context';
import { LicensedPartnerConnection } from '../partner/partner.connection';
import { LicensingScenario } from './scenario.type';
import { Paged } from '../../kit/policy';

@Resolver(() => LicensingScenario)
export class LicensingScenarioResolver {
  @FieldResolver(() => Int, {
    description: "Partners of the threshold's population (holding a licence in force today) whose licensed cores reach minLicensedCores.",
  })
  async qualifyingCount(@Root() scenario: LicensingScenario, @Ctx() { scenarios }: LicencesContext) {
    return (await scenarios.split(scenario.minLicensedCores)).qualifying.length;
  }

  @FieldResolver(() => Int, {
    description:
      "Partners of the threshold's population (holding a licence in force today) below minLicensedCores. Secondaries, who buy cores from a primary, are in it only if they hold a licence of their own in force.",
  })
  async nonQualifyingCount(@Root() scenario: LicensingScenario, @Ctx() { scenarios }: LicencesContext) {
    return (await scenarios.split(scenario.minLicensedCores)).nonQualifying.length;
  }

  @FieldResolver(() => LicensedPartnerConnection, { description: 'Partners that would qualify, most licensed cores first.' })
  @Paged()
  async qualifyingPartners(
    @Root() scenario: LicensingScenario,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { scenarios }: LicencesContext,
  ) {
    return scenarios.page((await scenarios.split(scenario.minLicensedCores)).qualifying, page);
  }

  @FieldResolver(() => LicensedPartnerConnection, { description: 'Partners that would not qualify, most licensed cores first.' })
  @Paged()
  async nonQualifyingPartners(
    @Root() scenario: LicensingScenario,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { scenarios }: LicencesContext,
  ) {
    return scenarios.page((await scenarios.split(scenario.minLicensedCores)).nonQualifying, page);
  }

  @FieldResolver(() => [ID], { description: 'Internal: used by other subgraphs through @requires.' })
  @Directive('@inaccessible')
  async qualifyingPartnerIds(@Root() scenario: LicensingScenario, @Ctx() { scenarios }: LicencesContext) {
    return (await scenarios.split(scenario.minLicensedCores)).qualifying.map((p) => p.id);
  }

  @FieldResolver(() => [ID], { description: 'Internal: used by other subgraphs through @requires.' })
  @Directive('@inaccessible')
  async nonQualifyingPartnerIds(@Root() scenario: LicensingScenario, @Ctx() { scenarios }: LicencesContext) {
    return (await scenarios.split(scenario.minLicensedCores)).nonQualifying.map((p) => p.id);
  }

  @FieldResolver(() => [ID], { description: "Internal: partners below today's threshold, for comparisons through @requires." })
  @Directive('@inaccessible')
  async baselineNonQualifyingPartnerIds(@Root() scenario: LicensingScenario, @Ctx() { scenarios }: LicencesContext) {
    return (await scenarios.split(scenario.baselineMinLicensedCores)).nonQualifying.map((p) => p.id);
  }
}
