import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import { DateScalar } from '../../kit/scalars';
import type { ProgramsContext } from '../context';
import { ProgramMembership } from '../membership/membership.entity';
import { ChannelStatus } from '../../kit/channel-status';
import { ChannelPartnerConnection } from './partner.connection';
import { ChannelPartner } from './partner.type';
import { Authenticated, ListOf, Paged } from '../../kit/policy';
import { requireLicenceDataOf } from '../../kit/scope';

@Resolver(() => ChannelPartner)
export class ChannelPartnerResolver {
  @Authenticated()
  @Query(() => ChannelPartnerConnection, { description: 'Partners by channel status, e.g. EXCLUDED: those whose customers are at risk.' })
  @Paged()
  channelPartners(
    @Arg('status', () => ChannelStatus) status: ChannelStatus,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The standing on this day instead of today.' }) asOf: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { channel }: ProgramsContext,
  ) {
    return channel.partners(status, page, asOf);
  }

  @Authenticated()
  @Query(() => [ID], { description: 'Internal (not in the public API): every partner id of a channel status, for other subgraphs.' })
  @Directive('@inaccessible')
  async partnerIdsWithChannelStatus(
    @Arg('status', () => ChannelStatus) status: ChannelStatus,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() { channel }: ProgramsContext,
  ) {
    return (await channel.partnerIdsByStatus(asOf)).get(status) ?? [];
  }

  @ListOf(5)
  @FieldResolver(() => [ProgramMembership], { description: 'Every program membership of the partner, oldest first.' })
  memberships(@Root() partner: ChannelPartner, @Ctx() { memberships }: ProgramsContext) {
    return memberships.ofPartner(partner.id);
  }

  @FieldResolver(() => ChannelStatus, {
    description:
      'Standing on a day, from the memberships in force that day (startedOn ≤ day ≤ endedOn): ADVANTAGE member PRIMARY; else WHITE_LABEL secondary SECONDARY; else VCSP/VCPP member LEGACY_MEMBER; else former VCSP/VCPP member EXCLUDED; else NOT_ENROLLED.',
  })
  channelStatus(
    @Root() partner: ChannelPartner,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The standing on this day instead of today.' }) asOf: string | null,
    @Ctx() { channel }: ProgramsContext,
  ) {
    return channel.status(partner.id, asOf);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether the partner's licensed cores reach the ADVANTAGE program's minimum. Licence data, like licensedCores: another partner's is null with a FORBIDDEN error.",
  })
  @Directive('@requires(fields: "licensedCores")')
  meetsAdvantageThreshold(@Root() partner: ChannelPartner, @Ctx() { caller, channel }: ProgramsContext) {
    requireLicenceDataOf(caller, partner.id, 'meetsAdvantageThreshold');
    return channel.meetsAdvantageThreshold(partner.licensedCores);
  }
}
