import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { payloadType } from '../../kit/writes/record-writes';
import { listOrder, OrderDirection } from '../../kit/connection';
import { AgreementStatus, WhiteLabelAgreement } from './agreement.entity';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

@InputType({ description: 'Narrows the agreement list; all given conditions must hold.' })
export class AgreementFilter {
  @Field(() => ID, { nullable: true })
  primaryId?: string | null;

  @Field(() => ID, { nullable: true })
  secondaryId?: string | null;

  @Field(() => AgreementStatus, { nullable: true })
  status?: AgreementStatus | null;
}

export const AgreementOrder = listOrder('Agreement', ['id', 'signedOn'], { field: 'id', direction: OrderDirection.ASC });
export type AgreementOrder = InstanceType<typeof AgreementOrder>;

@InputType({ description: 'A white-label agreement between an admitted primary and a partner that is not a primary.' })
export class SignAgreementInput {
  @Field(() => ID)
  primaryId!: string;

  @Field(() => ID)
  secondaryId!: string;

  @Field(() => DateScalar)
  signedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @IdempotencyKeyField('signing')
  idempotencyKey?: string | null;
}

@InputType()
export class TerminateAgreementInput {
  @Field(() => ID)
  agreementId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the agreement; today when omitted.' })
  endsOn?: string | null;
}

export const AgreementPayload = payloadType(
  'AgreementPayload',
  'The agreement, or why not (errors); a refused change writes nothing.',
  WhiteLabelAgreement,
  'agreement',
);
