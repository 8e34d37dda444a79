import { column, createTables, schemaMigration } from '../../kit/schema-migrations';

export const CreatePartners1764374400000 = schemaMigration(
  'CreatePartners1764374400000',
  createTables({
    name: 'partners',
    columns: [
      ...column.organisation(),
      column.text('region', 8),
      column.text('category', 40),
      column.text('website', 300, { nullable: true }),
    ],
    indices: {
      idx_partners_name: ['name'],
      idx_partners_country: ['country'],
      idx_partners_region: ['region'],
      idx_partners_category: ['category'],
    },
  }),
);
