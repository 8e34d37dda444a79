import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireFullRead } from '../../kit/auth';
import { DateScalar } from '../../kit/scalars';
import type { ProgramsContext } from '../context';
import { ChannelStatus } from '../../kit/channel-status';
import { partnersPerStatus } from '../partner/channel-status.service';
import { ChannelOverview, ChannelStatusCount } from './overview.type';
import { COSTS, Cost, ListOf, WholeChannelOnly } from '../../kit/policy';

const CHANNEL_OVERVIEW_ID = 'channel';

@Resolver(() => ChannelOverview)
export class ChannelOverviewResolver {
  @WholeChannelOnly()
  @Cost(COSTS.channelWide)
  @Query(() => ChannelOverview, { description: 'Channel-wide KPIs: ask for any figures together in one request.' })
  channelOverview(@Ctx() { caller }: ProgramsContext): ChannelOverview {
    requireFullRead(caller, 'channelOverview');
    return { id: CHANNEL_OVERVIEW_ID };
  }

  @ListOf(5)
  @FieldResolver(() => [ChannelStatusCount], { description: 'Partners per channel status (today, or on the day given).' })
  @Directive('@requires(fields: "partnerCount")')
  async partnersByChannelStatus(
    @Root() overview: ChannelOverview,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() { channel }: ProgramsContext,
  ): Promise<ChannelStatusCount[]> {
    const ids = await channel.partnerIdsByStatus(asOf);
    return partnersPerStatus(new Map([...ids].map(([status, partners]) => [status, partners.length])), overview.partnerCount);
  }

  @FieldResolver(() => [ID], { description: 'Internal: used by other subgraphs through @requires.' })
  @Directive('@inaccessible')
  async primaryPartnerIds(@Root() _overview: ChannelOverview, @Ctx() { channel }: ProgramsContext) {
    return (await channel.partnerIdsByStatus()).get(ChannelStatus.PRIMARY);
  }

  @FieldResolver(() => [ID], { description: 'Internal: used by other subgraphs through @requires.' })
  @Directive('@inaccessible')
  async secondaryPartnerIds(@Root() _overview: ChannelOverview, @Ctx() { channel }: ProgramsContext) {
    return (await channel.partnerIdsByStatus()).get(ChannelStatus.SECONDARY);
  }

  @FieldResolver(() => [ID], { description: 'Internal: used by other subgraphs through @requires.' })
  @Directive('@inaccessible')
  async legacyMemberPartnerIds(@Root() _overview: ChannelOverview, @Ctx() { channel }: ProgramsContext) {
    return (await channel.partnerIdsByStatus()).get(ChannelStatus.LEGACY_MEMBER);
  }

  @FieldResolver(() => [ID], { description: 'Internal: used by other subgraphs through @requires.' })
  @Directive('@inaccessible')
  async excludedPartnerIds(@Root() _overview: ChannelOverview, @Ctx() { channel }: ProgramsContext) {
    return (await channel.partnerIdsByStatus()).get(ChannelStatus.EXCLUDED);
  }
}
