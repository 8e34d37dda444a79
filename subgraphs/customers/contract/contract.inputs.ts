import { registerEnumType } from 'type-graphql';
import { OrderDirection, orderInput } from '../../kit/connection';

export enum ContractOrderField {
  ID = 'id',
  CORES_IN_USE = 'coresInUse',
  STARTS_ON = 'startsOn',
}
registerEnumType(ContractOrderField, { name: 'ContractOrderField' });

export const ContractOrder = orderInput(ContractOrderField, 'ContractOrder', { field: ContractOrderField.CORES_IN_USE, direction: OrderDirection.DESC });
export type ContractOrder = InstanceType<typeof ContractOrder>;
