import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection, orderInput } from '../../kit/connection';
import { AgreementStatus } from './agreement.entity';

@InputType({ description: 'Narrows the agreement list; all given conditions must hold.' })
export class AgreementFilter {
  @Field(() => ID, { nullable: true })
  primaryId?: string | null;

  @Field(() => ID, { nullable: true })
  secondaryId?: string | null;

  @Field(() => AgreementStatus, { nullable: true })
  status?: AgreementStatus | null;
}

export enum AgreementOrderField {
  ID = 'id',
  SIGNED_ON = 'signedOn',
}
registerEnumType(AgreementOrderField, { name: 'AgreementOrderField' });

export const AgreementOrder = orderInput(AgreementOrderField, 'AgreementOrder', { field: AgreementOrderField.ID, direction: OrderDirection.ASC });
export type AgreementOrder = InstanceType<typeof AgreementOrder>;
