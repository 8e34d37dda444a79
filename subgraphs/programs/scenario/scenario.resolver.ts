import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { requireFullRead } from '../../kit/auth';
import { badUserInput } from '../../kit/errors';
import type { ProgramsContext } from '../context';
import { ChannelStatusCount } from '../overview/overview.type';
import { ChannelStatus } from '../../kit/channel-status';
import { ThresholdScenario } from './scenario.type';
import { COSTS, Cost, ListOf, WholeChannelOnly } from '../../kit/policy';

@Resolver(() => ThresholdScenario)
export class ThresholdScenarioResolver {
  @WholeChannelOnly()
  @Cost(COSTS.channelWide)
  @Query(() => ThresholdScenario, {
    description: "Who would qualify for ADVANTAGE at another threshold (default: today's), and what changes.",
  })
  async thresholdWhatIf(
    @Arg('minLicensedCores', () => Int, { nullable: true }) minLicensedCores: number | null,
    @Ctx() { programs, caller }: ProgramsContext,
  ): Promise<ThresholdScenario> {
    requireFullRead(caller, 'thresholdWhatIf');
    const baseline = (await programs.advantageThreshold()) ?? 0;
    const threshold = minLicensedCores ?? baseline;
    if (threshold < 1 || threshold > 10_000_000) {
      throw badUserInput(`"minLicensedCores" must be between 1 and 10000000 (got ${threshold}).`, 'minLicensedCores');
    }
    return { minLicensedCores: threshold, baselineMinLicensedCores: baseline };
  }

  @FieldResolver(() => Int, { description: 'Partners admitted to ADVANTAGE today (channel status PRIMARY).' })
  async admittedToday(@Root() _scenario: ThresholdScenario, @Ctx() { channel }: ProgramsContext) {
    return (await channel.partnerIdsByStatus()).get(ChannelStatus.PRIMARY)!.length;
  }

  @ListOf(5)
  @FieldResolver(() => [ChannelStatusCount], { description: 'The partners that would qualify, by their channel status today.' })
  @Directive('@requires(fields: "qualifyingPartnerIds")')
  async qualifyingByChannelStatus(@Root() scenario: ThresholdScenario, @Ctx() { channel }: ProgramsContext) {
    const qualifying = new Set(scenario.qualifyingPartnerIds ?? []);
    const byStatus = await channel.partnerIdsByStatus();
    const counted = [...byStatus].map(([status, ids]) => ({ status, partners: ids.filter((id) => qualifying.has(id)).length }));
    const known = counted.reduce((sum, c) => sum + c.partners, 0);
    return counted.map((c) => (c.status === ChannelStatus.NOT_ENROLLED ? { ...c, partners: c.partners + qualifying.size - known } : c));
  }

  @FieldResolver(() => Int, { description: 'Partners that would qualify but are not admitted today.' })
  @Directive('@requires(fields: "qualifyingPartnerIds")')
  async newlyQualifying(@Root() scenario: ThresholdScenario, @Ctx() { channel }: ProgramsContext) {
    const admitted = new Set((await channel.partnerIdsByStatus()).get(ChannelStatus.PRIMARY));
    return (scenario.qualifyingPartnerIds ?? []).filter((id) => !admitted.has(id)).length;
  }

  @FieldResolver(() => Int, { description: 'Partners admitted today that would no longer qualify.' })
  @Directive('@requires(fields: "qualifyingPartnerIds")')
  async noLongerQualifying(@Root() scenario: ThresholdScenario, @Ctx() { channel }: ProgramsContext) {
    const qualifying = new Set(scenario.qualifyingPartnerIds ?? []);
    return (await channel.partnerIdsByStatus()).get(ChannelStatus.PRIMARY)!.filter((id) => !qualifying.has(id)).length;
  }
}
