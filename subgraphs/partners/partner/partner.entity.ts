import { EnumColumn, TextColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import { Organisation } from '../../kit/organisation';

export const Region = graphqlEnum({ name: 'Region', description: 'Sales region.', values: ['AMER', 'EMEA', 'APJ'] });
export type Region = EnumValue<typeof Region>;

export const PartnerCategory = graphqlEnum({
  name: 'PartnerCategory',
  description: 'What kind of provider the partner is.',
  values: ['GLOBAL_SYSTEM_INTEGRATOR', 'VERTICAL_SPECIALIST', 'SOVEREIGN_CLOUD', 'REGIONAL_CLOUD', 'MANAGED_SERVICE_PROVIDER'],
});
export type PartnerCategory = EnumValue<typeof PartnerCategory>;

@StoredEntity({ table: 'partners', type: 'Partner', description: 'A cloud provider in the VMware channel.' })
export class Partner extends Organisation {
  @EnumColumn(Region, { length: 8 })
  region!: Region;

  @EnumColumn(PartnerCategory, { length: 40 })
  category!: PartnerCategory;

  @TextColumn({ length: 300, nullable: true })
  website!: string | null;
}
