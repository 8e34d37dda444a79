import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';
import { WhiteLabelRole } from '../../kit/white-label-role';

export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  INVITED = 'INVITED',
  NOT_INVITED = 'NOT_INVITED',
  DECLINED = 'DECLINED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(MembershipStatus, { name: 'MembershipStatus' });

@Entity('program_memberships')
@ObjectType('ProgramMembership', { description: "A partner's standing in one program, with its validity dates." })
@Directive('@key(fields: "id")')
export class ProgramMembership {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'program_id', type: 'varchar', length: 36 })
  programId!: string;

  @Column({ name: 'partner_id', type: 'varchar', length: 36 })
  partnerId!: string;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => MembershipStatus)
  status!: MembershipStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  @Field(() => WhiteLabelRole, { nullable: true, description: 'Only for the WHITE_LABEL program.' })
  role!: WhiteLabelRole | null;

  @Column({ name: 'started_on', type: 'date' })
  @Field(() => DateScalar, { description: 'Day invited; for an admitted (ACTIVE or TERMINATED) membership, its first day as a member.' })
  startedOn!: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Last day as a member (included); null: still a member.' })
  endedOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  reason!: string | null;
}
