import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { ProgramsContext } from '../context';
import { ProgramMembership } from '../membership/membership.entity';
import { ChannelPartner, ChannelPartnerConnection, ChannelStatus } from './partner.type';

@Resolver(() => ChannelPartner)
export class ChannelPartnerResolver {
  @Query(() => ChannelPartnerConnection, { description: 'Partners by channel status, e.g. EXCLUDED: those whose customers are at risk.' })
  channelPartners(
    @Arg('status', () => ChannelStatus) status: ChannelStatus,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { channel }: ProgramsContext,
  ) {
    return channel.partners(status, page);
  }

  @FieldResolver(() => [ProgramMembership], { description: 'Every program membership of the partner, oldest first.' })
  memberships(@Root() partner: ChannelPartner, @Ctx() { memberships }: ProgramsContext) {
    return memberships.ofPartner(partner.id);
  }

  @FieldResolver(() => ChannelStatus)
  channelStatus(@Root() partner: ChannelPartner, @Ctx() { channel }: ProgramsContext) {
    return channel.status(partner.id);
  }

  @FieldResolver(() => Boolean, { description: "Whether the partner's licensed cores reach the ADVANTAGE program's minimum." })
  @Directive('@requires(fields: "licensedCores")')
  meetsAdvantageThreshold(@Root() partner: ChannelPartner, @Ctx() { channel }: ProgramsContext) {
    return channel.meetsAdvantageThreshold(partner.licensedCores);
  }
}
