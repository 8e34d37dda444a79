import { createIndices, schemaMigration } from '../../kit/schema-migrations';

/** Indexes for the customers-at-risk order, the sovereign filter and migration aggregates. */
export const AddCustomerAnalyticsIndexes1764460800000 = schemaMigration(
  'AddCustomerAnalyticsIndexes1764460800000',
  createIndices({
    service_contracts: { idx_contracts_status_cores: ['status', 'cores_in_use'] },
    end_customers: { idx_customers_sovereign: ['sovereign_cloud_required'] },
    customer_migrations: { idx_migrations_reason: ['reason'] },
  }),
);
