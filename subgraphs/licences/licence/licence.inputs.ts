import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../kit/connection';
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

@InputType({ description: 'Sort order of licences; ties are broken by id.' })
export class LicenceOrder {
  @Field(() => LicenceOrderField, { defaultValue: LicenceOrderField.ID })
  field!: LicenceOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}
