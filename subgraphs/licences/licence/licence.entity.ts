import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../kit/scalars';
import type { Lifecycle } from '../../kit/validity';

export enum LicenceProduct {
  VMWARE_CLOUD_FOUNDATION = 'VMWARE_CLOUD_FOUNDATION',
  VSPHERE_FOUNDATION = 'VSPHERE_FOUNDATION',
  VSPHERE_STANDARD = 'VSPHERE_STANDARD',
}
registerEnumType(LicenceProduct, { name: 'LicenceProduct', description: 'Core-based subscription products.' });

export enum LicenceStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(LicenceStatus, { name: 'LicenceStatus' });

@Entity('licences')
@ObjectType('Licence', { description: 'A core-based subscription held by a partner from the vendor.' })
@Directive('@key(fields: "id")')
export class Licence {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'holder_id', type: 'varchar', length: 36 })
  holderId!: string;

  @Column({ type: 'varchar', length: 40 })
  @Field(() => LicenceProduct)
  product!: LicenceProduct;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Cores licensed.' })
  cores!: number;

  @Column({ name: 'starts_on', type: 'date' })
  @Field(() => DateScalar, { description: 'First day in force.' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  @Field(() => DateScalar, { description: 'Last day in force (included).' })
  endsOn!: string;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => LicenceStatus, {
    description: 'ACTIVE as granted; EXPIRED once endsOn has passed (status follows the dates); TERMINATED when ended early.',
  })
  status!: LicenceStatus;
}

/** A licence recorded ACTIVE has EXPIRED once its last day has passed. */
export const LICENCE_LIFECYCLE: Lifecycle<LicenceStatus> = { active: LicenceStatus.ACTIVE, ended: LicenceStatus.EXPIRED };
