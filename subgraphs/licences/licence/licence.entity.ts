import { EnumColumn, FirstDayColumn, IdColumn, IntColumn, LastDayColumn, ReferenceColumn, StatusColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import type { Lifecycle } from '../../kit/validity';

export const LicenceProduct = graphqlEnum({
  name: 'LicenceProduct',
  description: 'Core-based subscription products.',
  values: ['VMWARE_CLOUD_FOUNDATION', 'VSPHERE_FOUNDATION', 'VSPHERE_STANDARD'],
});
export type LicenceProduct = EnumValue<typeof LicenceProduct>;

export const LicenceStatus = graphqlEnum({ name: 'LicenceStatus', values: ['ACTIVE', 'EXPIRED', 'TERMINATED'] });
export type LicenceStatus = EnumValue<typeof LicenceStatus>;

@StoredEntity({ table: 'licences', type: 'Licence', description: 'A core-based subscription held by a partner from the vendor.' })
export class Licence {
  @IdColumn()
  id!: string;

  @ReferenceColumn('holder_id')
  holderId!: string;

  @EnumColumn(LicenceProduct, { length: 40 })
  product!: LicenceProduct;

  @IntColumn({ description: 'Cores licensed.' })
  cores!: number;

  @FirstDayColumn()
  startsOn!: string;

  @LastDayColumn({ openEnded: false })
  endsOn!: string;

  @StatusColumn(LicenceStatus, {
    description: 'ACTIVE as granted; EXPIRED once endsOn has passed (status follows the dates); TERMINATED when ended early.',
  })
  status!: LicenceStatus;
}

/** A licence recorded ACTIVE has EXPIRED once its last day has passed. */
export const LICENCE_LIFECYCLE: Lifecycle<LicenceStatus> = { active: LicenceStatus.ACTIVE, ended: LicenceStatus.EXPIRED };
