import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import { payloadType } from '../../kit/writes/record-writes';
import { listOrder, OrderDirection } from '../../kit/connection';
import { Licence, LicenceProduct, LicenceStatus } from './licence.entity';
import { IdempotencyKeyField } from '../../kit/writes/idempotency-key.field';

@InputType({ description: 'Narrows the licence list; all given conditions must hold.' })
export class LicenceFilter {
  @Field(() => ID, { nullable: true, description: 'Partner holding the licence.' })
  holderId?: string | null;

  @Field(() => LicenceProduct, { nullable: true })
  product?: LicenceProduct | null;

  @Field(() => LicenceStatus, { nullable: true })
  status?: LicenceStatus | null;
}

export const LicenceOrder = listOrder('Licence', ['id', 'cores', 'startsOn', 'endsOn'], { field: 'id', direction: OrderDirection.ASC });
export type LicenceOrder = InstanceType<typeof LicenceOrder>;

@InputType({ description: 'A core-based subscription the vendor grants a partner.' })
export class CreateLicenceInput {
  @Field(() => ID)
  holderId!: string;

  @Field(() => LicenceProduct)
  product!: LicenceProduct;

  @Field(() => Int)
  cores!: number;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;

  @IdempotencyKeyField('creating')
  idempotencyKey?: string | null;
}

export const LicencePayload = payloadType(
  'LicencePayload',
  'The licence created, or why not (errors); a refused change writes nothing.',
  Licence,
  'licence',
);
