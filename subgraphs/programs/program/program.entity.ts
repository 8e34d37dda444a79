import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';

export enum ProgramCode {
  VCSP = 'VCSP',
  VCPP = 'VCPP',
  ADVANTAGE = 'ADVANTAGE',
  WHITE_LABEL = 'WHITE_LABEL',
}
registerEnumType(ProgramCode, {
  name: 'ProgramCode',
  description:
    'VCSP and VCPP: the VMware-era provider programs; ADVANTAGE: the vendor program after the change; WHITE_LABEL: primaries reselling to secondaries.',
});

export enum ProgramStatus {
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}
registerEnumType(ProgramStatus, { name: 'ProgramStatus' });

@Entity('programs')
@ObjectType('Program', { description: 'A partner program of the vendor.' })
@Directive('@key(fields: "id")')
export class Program {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => ProgramCode)
  code!: ProgramCode;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  vendor!: string;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => ProgramStatus)
  status!: ProgramStatus;

  @Column({ name: 'launched_on', type: 'date' })
  @Field(() => DateScalar)
  launchedOn!: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  closedOn!: string | null;

  @Column({ name: 'min_licensed_cores', type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Licensed cores a partner needs to be admitted, where the program sets a floor.' })
  minLicensedCores!: number | null;

  @Column({ name: 'invitation_only', type: 'boolean' })
  @Field()
  invitationOnly!: boolean;
}
