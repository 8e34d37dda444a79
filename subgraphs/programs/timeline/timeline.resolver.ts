import { Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireFullRead } from '../../kit/auth';
import { today } from '../../kit/writes/write-helpers';
import { COSTS, Cost, ListOf, WholeChannelOnly } from '../../kit/policy';
import type { ProgramsContext } from '../context';
import { ChannelStatusCount } from '../overview/overview.type';
import { partnersPerStatus } from '../partner/channel-status.service';
import { timelinePeriods } from './timeline.periods';
import { ChannelTimeline, TimelineArgs, TimelinePeriod } from './timeline.type';

@Resolver(() => ChannelTimeline)
export class ChannelTimelineResolver {
  @WholeChannelOnly()
  @Cost(COSTS.channelWide)
  @Query(() => ChannelTimeline, {
    description:
      'The channel over time: for each month (or week) from `from` to `to`, the figures of the channel overview as they stood then. Channel-wide: VENDOR and ANALYST only.',
  })
  channelTimeline(@Args(() => TimelineArgs) { from, to, interval }: TimelineArgs, @Ctx() { caller }: ProgramsContext): ChannelTimeline {
    requireFullRead(caller, 'channelTimeline');
    const last = to ?? today();
    return { interval, from, to: last, periods: timelinePeriods(from, last, interval) };
  }
}

@Resolver(() => TimelinePeriod)
export class TimelinePeriodResolver {
  @ListOf(5)
  @FieldResolver(() => [ChannelStatusCount], { description: 'Partners per channel status on the last day of the period.' })
  @Directive('@requires(fields: "partnerCount")')
  async partnersByChannelStatus(@Root() period: TimelinePeriod, @Ctx() { channel }: ProgramsContext): Promise<ChannelStatusCount[]> {
    return partnersPerStatus(await channel.countsByStatusOn(period.endsOn), period.partnerCount);
  }

  @FieldResolver(() => [ID], { description: 'Internal: used by other subgraphs through @requires.' })
  @Directive('@inaccessible')
  excludedPartnerIds(@Root() period: TimelinePeriod, @Ctx() { channel }: ProgramsContext) {
    return channel.excludedPartnerIdsOn(period.endsOn);
  }
}
