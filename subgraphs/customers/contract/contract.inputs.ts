import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../kit/connection';

export enum ContractOrderField {
  ID = 'id',
  CORES_IN_USE = 'coresInUse',
  STARTS_ON = 'startsOn',
}
registerEnumType(ContractOrderField, { name: 'ContractOrderField' });

@InputType({ description: 'Sort order of contracts; ties are broken by id.' })
export class ContractOrder {
  @Field(() => ContractOrderField, { defaultValue: ContractOrderField.CORES_IN_USE })
  field!: ContractOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction!: OrderDirection;
}
