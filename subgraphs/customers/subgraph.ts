import type { SubgraphModule } from '../kit/subgraph';
import { createCustomersContext, type CustomersContext } from './context';
import { ServiceContract } from './contract/contract.entity';
import { EndCustomer } from './customer/customer.entity';
import { CustomerMigration } from './migration/migration.entity';
import { customersMigrations } from './migrations';
import { buildCustomersSchema } from './schema';

export const customersSubgraph: SubgraphModule<CustomersContext> = {
  name: 'customers',
  store: { subgraph: 'customers', entities: [EndCustomer, ServiceContract, CustomerMigration], migrations: customersMigrations },
  buildSchema: buildCustomersSchema,
  createContext: createCustomersContext,
};
