import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProgramsContext } from '../context';
import { ChannelPartner } from '../partner/partner.type';
import { Program } from '../program/program.entity';
import { ProgramMembership } from './membership.entity';

@Resolver(() => ProgramMembership)
export class MembershipResolver {
  @FieldResolver(() => Program)
  program(@Root() membership: ProgramMembership, @Ctx() { programs }: ProgramsContext) {
    return programs.byId(membership.programId);
  }

  @FieldResolver(() => ChannelPartner)
  partner(@Root() membership: ProgramMembership): ChannelPartner {
    return { id: membership.partnerId };
  }
}
