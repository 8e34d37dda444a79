import { createIndices, schemaMigration } from '../../kit/schema-migrations';

/**
 * Customers by country and sovereign-cloud requirement together (CustomerSearch's filter): with an
 * index on each alone, MariaDB intersected the two, reading every sovereign customer (about half of
 * them) for one country's few; the page and its totalCount now read only the matching entries
 * (bench/README.md, "Counts").
 */
export const CustomersCountrySovereignIndex1765200000000 = schemaMigration(
  'CustomersCountrySovereignIndex1765200000000',
  createIndices({ end_customers: { idx_customers_country_sovereign: ['country', 'sovereign_cloud_required'] } }),
);
