import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { WhiteLabelRole } from '../../kit/white-label-role';
import { payloadType } from '../../kit/writes/record-writes';
import { ProgramCode } from '../program/program.entity';
import { ProgramMembership } from './membership.entity';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

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

  @IdempotencyKeyField('inviting')
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

export const MembershipPayload = payloadType(
  'MembershipPayload',
  'The membership after the change, or why not (errors); a refused change writes nothing.',
  ProgramMembership,
  'membership',
);
