import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection, orderInput } from '../../kit/connection';
import { LicenceProduct, LicenceStatus } from './licence.entity';

@InputType({ description: 'Narrows the licence list; all given conditions must hold.' })
export class LicenceFilter {
  @Field(() => ID, { nullable: true, description: 'Partner holding the licence.' })
  holderId?: string | null;

  @Field(() => LicenceProduct, { nullable: true })
  product?: LicenceProduct | null;

  @Field(() => LicenceStatus, { nullable: true })
  status?: LicenceStatus | null;
}

export enum LicenceOrderField {
  ID = 'id',
  CORES = 'cores',
  STARTS_ON = 'startsOn',
  ENDS_ON = 'endsOn',
}
registerEnumType(LicenceOrderField, { name: 'LicenceOrderField' });

export const LicenceOrder = orderInput(LicenceOrderField, 'LicenceOrder', { field: LicenceOrderField.ID, direction: OrderDirection.ASC });
export type LicenceOrder = InstanceType<typeof LicenceOrder>;
