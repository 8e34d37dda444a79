import { column, createTables, schemaMigration } from '../../kit/schema-migrations';

export const CreateLicences1764374400000 = schemaMigration(
  'CreateLicences1764374400000',
  createTables(
    {
      name: 'licences',
      columns: [
        column.id(),
        column.reference('holder_id'),
        column.text('product', 40),
        column.count('cores'),
        column.day('starts_on'),
        column.day('ends_on'),
        column.status(),
      ],
      indices: { idx_licences_holder: ['holder_id', 'status'], idx_licences_product: ['product'], idx_licences_status: ['status'] },
    },
    {
      name: 'white_label_agreements',
      columns: [
        column.id(),
        column.reference('primary_id'),
        column.reference('secondary_id'),
        column.status(),
        column.day('signed_on'),
        column.day('ends_on', { nullable: true }),
      ],
      indices: {
        idx_agreements_primary: ['primary_id', 'status'],
        idx_agreements_secondary: ['secondary_id', 'status'],
        idx_agreements_status: ['status'],
      },
    },
    {
      name: 'licence_allocations',
      columns: [
        column.id(),
        column.reference('licence_id', { table: 'licences' }),
        column.reference('agreement_id', { table: 'white_label_agreements' }),
        column.reference('secondary_id'),
        column.count('cores'),
        column.day('starts_on'),
        column.day('ends_on', { nullable: true }),
        column.status(),
      ],
      indices: {
        idx_allocations_licence: ['licence_id', 'status'],
        idx_allocations_agreement: ['agreement_id'],
        idx_allocations_secondary: ['secondary_id'],
      },
    },
  ),
);
