import { BooleanColumn, DateColumn, EnumColumn, IdColumn, IntColumn, StatusColumn, TextColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';

export const ProgramCode = graphqlEnum({
  name: 'ProgramCode',
  description:
    'VCSP and VCPP: the VMware-era provider programs; ADVANTAGE: the vendor program after the change; WHITE_LABEL: primaries reselling to secondaries.',
  values: ['VCSP', 'VCPP', 'ADVANTAGE', 'WHITE_LABEL'],
});
export type ProgramCode = EnumValue<typeof ProgramCode>;

export const ProgramStatus = graphqlEnum({ name: 'ProgramStatus', values: ['ACTIVE', 'CLOSED'] });
export type ProgramStatus = EnumValue<typeof ProgramStatus>;

@StoredEntity({ table: 'programs', type: 'Program', description: 'A partner program of the vendor.' })
export class Program {
  @IdColumn()
  id!: string;

  @EnumColumn(ProgramCode, { length: 20 })
  code!: ProgramCode;

  @TextColumn({ length: 200 })
  name!: string;

  @TextColumn({ length: 100 })
  vendor!: string;

  @StatusColumn(ProgramStatus)
  status!: ProgramStatus;

  @DateColumn({ column: 'launched_on' })
  launchedOn!: string;

  @DateColumn({ column: 'closed_on', nullable: true })
  closedOn!: string | null;

  @IntColumn({
    column: 'min_licensed_cores',
    nullable: true,
    description: 'Licensed cores a partner needs to be admitted, where the program sets a floor.',
  })
  minLicensedCores!: number | null;

  @BooleanColumn({ column: 'invitation_only' })
  invitationOnly!: boolean;
}
