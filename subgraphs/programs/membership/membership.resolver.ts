import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { ProgramsContext } from '../context';
import { ChannelPartner } from '../partner/partner.type';
import { Program } from '../program/program.entity';
import { ProgramMembership } from './membership.entity';
import { InviteToProgramInput, MembershipDecisionInput, MembershipPayload } from './membership.inputs';
import { RequiresRole, VENDOR_ONLY } from '../../kit/policy';

@Resolver(() => ProgramMembership)
export class MembershipResolver {
  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => MembershipPayload, { description: 'Invites a partner into a program (channel team only).' })
  inviteToProgram(@Arg('input', () => InviteToProgramInput) input: InviteToProgramInput, @Ctx() { membershipWrites }: ProgramsContext) {
    return membershipWrites.invite(input);
  }

  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => MembershipPayload, {
    description: "Admits an invited partner; for ADVANTAGE its licensed cores must reach the program's minimum.",
  })
  admitToProgram(
    @Arg('input', () => MembershipDecisionInput) input: MembershipDecisionInput,
    @Ctx() { membershipWrites }: ProgramsContext,
  ) {
    return membershipWrites.admit(input);
  }

  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => MembershipPayload, { description: 'Refuses an invited partner (NOT_INVITED), with a reason.' })
  refuseMembership(
    @Arg('input', () => MembershipDecisionInput) input: MembershipDecisionInput,
    @Ctx() { membershipWrites }: ProgramsContext,
  ) {
    return membershipWrites.refuse(input);
  }

  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => MembershipPayload, { description: 'Ends an ACTIVE membership (TERMINATED).' })
  terminateMembership(
    @Arg('input', () => MembershipDecisionInput) input: MembershipDecisionInput,
    @Ctx() { membershipWrites }: ProgramsContext,
  ) {
    return membershipWrites.terminate(input);
  }

  @FieldResolver(() => Program)
  program(@Root() membership: ProgramMembership, @Ctx() { programs }: ProgramsContext) {
    return programs.byId(membership.programId);
  }

  @FieldResolver(() => ChannelPartner)
  partner(@Root() membership: ProgramMembership): ChannelPartner {
    return { id: membership.partnerId };
  }
}
