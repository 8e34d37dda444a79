import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';
import type { Lifecycle } from '../../kit/validity';

export enum AgreementStatus {
  ACTIVE = 'ACTIVE',
  TERMINATED = 'TERMINATED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(AgreementStatus, { name: 'AgreementStatus' });

@Entity('white_label_agreements')
@ObjectType('WhiteLabelAgreement', { description: 'A primary provider reselling licences to a secondary under the White Label Program.' })
@Directive('@key(fields: "id")')
export class WhiteLabelAgreement {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'primary_id', type: 'varchar', length: 36 })
  primaryId!: string;

  @Column({ name: 'secondary_id', type: 'varchar', length: 36 })
  secondaryId!: string;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => AgreementStatus, {
    description: 'ACTIVE as signed; TERMINATED when ended by a party; EXPIRED once a planned endsOn has passed (status follows the dates).',
  })
  status!: AgreementStatus;

  @Column({ name: 'signed_on', type: 'date' })
  @Field(() => DateScalar, { description: 'First day in force.' })
  signedOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day in force (included): the planned end, or the day it was terminated; null: open-ended.',
  })
  endsOn!: string | null;

  /** 'Y' while ACTIVE, else null: a unique index over (primary, secondary, activePair) allows one active agreement per pair. */
  @Column({ name: 'active_pair', type: 'varchar', length: 1, nullable: true })
  activePair!: 'Y' | null;
}

/** An agreement recorded ACTIVE has EXPIRED once its planned last day has passed. */
export const AGREEMENT_LIFECYCLE: Lifecycle<AgreementStatus> = { active: AgreementStatus.ACTIVE, ended: AgreementStatus.EXPIRED };

export function activePairOf(status: AgreementStatus): 'Y' | null {
  return status === AgreementStatus.ACTIVE ? 'Y' : null;
}
