import { BooleanColumn, EnumColumn } from '../../kit/columns';
import { StoredEntity } from '../../kit/stored-entity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import { Organisation } from '../../kit/organisation';

export const Industry = graphqlEnum({
  name: 'Industry',
  values: [
    'FINANCIAL_SERVICES',
    'PUBLIC_SECTOR',
    'HEALTHCARE',
    'MANUFACTURING',
    'RETAIL',
    'TELECOMMUNICATIONS',
    'ENERGY',
    'EDUCATION',
    'TECHNOLOGY',
    'TRANSPORT',
  ],
});
export type Industry = EnumValue<typeof Industry>;

@StoredEntity({
  table: 'end_customers',
  type: 'EndCustomer',
  description: 'An organisation running workloads on a provider’s VMware cloud.',
})
export class EndCustomer extends Organisation {
  @EnumColumn(Industry, { length: 40 })
  industry!: Industry;

  @BooleanColumn({ column: 'sovereign_cloud_required', description: 'Whether its data must stay in a sovereign cloud.' })
  sovereignCloudRequired!: boolean;
}
