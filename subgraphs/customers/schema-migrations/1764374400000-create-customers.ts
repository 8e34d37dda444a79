import { column, createTables, schemaMigration } from '../../kit/schema-migrations';

export const CreateCustomers1764374400000 = schemaMigration(
  'CreateCustomers1764374400000',
  createTables(
    {
      name: 'end_customers',
      columns: [...column.organisation(), column.text('industry', 40), column.flag('sovereign_cloud_required')],
      indices: { idx_customers_name: ['name'], idx_customers_country: ['country'], idx_customers_industry: ['industry'] },
    },
    {
      name: 'service_contracts',
      columns: [
        column.id(),
        column.reference('customer_id', { table: 'end_customers' }),
        column.reference('provider_id'),
        column.reference('licence_id', { nullable: true }),
        column.reference('allocation_id', { nullable: true }),
        column.count('cores_in_use'),
        column.day('starts_on'),
        column.day('ends_on', { nullable: true }),
        column.status(),
      ],
      indices: {
        idx_contracts_customer: ['customer_id'],
        idx_contracts_provider: ['provider_id', 'status', 'customer_id'],
        idx_contracts_licence: ['licence_id'],
        idx_contracts_allocation: ['allocation_id'],
      },
    },
    {
      name: 'customer_migrations',
      columns: [
        column.id(),
        column.reference('customer_id', { table: 'end_customers' }),
        column.reference('from_provider_id'),
        column.reference('to_provider_id', { nullable: true }),
        column.text('alternative_vendor', 100, { nullable: true }),
        column.text('reason', 30),
        column.status(),
        column.day('decided_on'),
      ],
      indices: {
        idx_migrations_customer: ['customer_id'],
        idx_migrations_from: ['from_provider_id'],
        idx_migrations_to: ['to_provider_id'],
      },
    },
  ),
);
