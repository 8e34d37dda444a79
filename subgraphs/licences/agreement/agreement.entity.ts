import { Column } from 'typeorm';
import { FirstDayColumn, IdColumn, LastDayColumn, ReferenceColumn, StatusColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import type { Lifecycle } from '../../kit/validity';

export const AgreementStatus = graphqlEnum({ name: 'AgreementStatus', values: ['ACTIVE', 'TERMINATED', 'EXPIRED'] });
export type AgreementStatus = EnumValue<typeof AgreementStatus>;

@StoredEntity({
  table: 'white_label_agreements',
  type: 'WhiteLabelAgreement',
  description: 'A primary provider reselling licences to a secondary under the White Label Program.',
})
export class WhiteLabelAgreement {
  @IdColumn()
  id!: string;

  @ReferenceColumn('primary_id')
  primaryId!: string;

  @ReferenceColumn('secondary_id')
  secondaryId!: string;

  @StatusColumn(AgreementStatus, {
    description: 'ACTIVE as signed; TERMINATED when ended by a party; EXPIRED once a planned endsOn has passed (status follows the dates).',
  })
  status!: AgreementStatus;

  @FirstDayColumn({ column: 'signed_on' })
  signedOn!: string;

  @LastDayColumn({
    openEnded: true,
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
