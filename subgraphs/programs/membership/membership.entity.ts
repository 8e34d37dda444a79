import { EnumColumn, FirstDayColumn, IdColumn, LastDayColumn, ReferenceColumn, StatusColumn, TextColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import { WhiteLabelRole } from '../../kit/white-label-role';

export const MembershipStatus = graphqlEnum({
  name: 'MembershipStatus',
  values: ['ACTIVE', 'INVITED', 'NOT_INVITED', 'DECLINED', 'TERMINATED'],
});
export type MembershipStatus = EnumValue<typeof MembershipStatus>;

@StoredEntity({
  table: 'program_memberships',
  type: 'ProgramMembership',
  description: "A partner's standing in one program, with its validity dates.",
})
export class ProgramMembership {
  @IdColumn()
  id!: string;

  @ReferenceColumn('program_id')
  programId!: string;

  @ReferenceColumn('partner_id')
  partnerId!: string;

  @StatusColumn(MembershipStatus)
  status!: MembershipStatus;

  @EnumColumn(WhiteLabelRole, { length: 20, nullable: true, description: 'Only for the WHITE_LABEL program.' })
  role!: WhiteLabelRole | null;

  @FirstDayColumn({
    column: 'started_on',
    description: 'Day invited; for an admitted (ACTIVE or TERMINATED) membership, its first day as a member.',
  })
  startedOn!: string;

  @LastDayColumn({ column: 'ended_on', openEnded: true, description: 'Last day as a member (included); null: still a member.' })
  endedOn!: string | null;

  @TextColumn({ length: 500, nullable: true })
  reason!: string | null;
}
