import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { WhiteLabelRole } from '../../kit/white-label-role';
import { UserError } from '../../kit/writes/user-error';
import { ProgramCode } from '../program/program.entity';
import { ProgramMembership } from './membership.entity';
import { ListOf } from '../../kit/policy';

@InputType({ description: 'Invites a partner into a program (ADVANTAGE is invitation only).' })
export class InviteToProgramInput {
  @Field(() => ProgramCode)
  programCode!: ProgramCode;

  @Field(() => ID)
  partnerId!: string;

  @Field(() => DateScalar)
  invitedOn!: string;

  @Field(() => WhiteLabelRole, { nullable: true, description: 'Required for WHITE_LABEL, absent otherwise.' })
  role?: WhiteLabelRole | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of inviting twice.' })
  idempotencyKey?: string | null;
}

@InputType()
export class MembershipDecisionInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Day the decision takes effect; today when omitted.' })
  on?: string | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@ObjectType({ description: 'The membership after the change, or why not (errors); a refused change writes nothing.' })
export class MembershipPayload {
  @Field(() => ProgramMembership, { nullable: true })
  membership!: ProgramMembership | null;

  @ListOf(5)
  @Field(() => [UserError])
  errors!: UserError[];
}
