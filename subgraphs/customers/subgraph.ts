import type { SubgraphModule } from '../kit/subgraph';
import { AuditEvent } from '../kit/writes/audit-event.entity';
import { IdempotencyKey } from '../kit/writes/idempotency-key.entity';
import { createCustomersContext, type CustomersContext } from './context';
import { ContractAllocationLock } from './contract/allocation-lock.entity';
import { ServiceContract } from './contract/contract.entity';
import { EndCustomer } from './customer/customer.entity';
import { CustomerMigration } from './migration/migration.entity';
import { customersMigrations } from './schema-migrations';
import { buildCustomersSchema } from './schema';

export const customersSubgraph: SubgraphModule<CustomersContext> = {
  name: 'customers',
  store: {
    subgraph: 'customers',
    entities: [EndCustomer, ServiceContract, CustomerMigration, ContractAllocationLock, AuditEvent, IdempotencyKey],
    migrations: customersMigrations,
  },
  buildSchema: buildCustomersSchema,
  createContext: createCustomersContext,
};
