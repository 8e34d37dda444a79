import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/auth';
import type { SubgraphPeers } from '../kit/subgraph';
import { ContractRepository } from './contract/contract.repository';
import { ContractService } from './contract/contract.service';
import { CustomerRepository } from './customer/customer.repository';
import { CustomerService } from './customer/customer.service';
import { MigrationRepository } from './migration/migration.repository';
import { MigrationService } from './migration/migration.service';
import { CustomerOverviewRepository } from './overview/overview.repository';
import { CustomerOverviewService } from './overview/overview.service';

export interface CustomersContext {
  caller: Caller;
  customers: CustomerService;
  contracts: ContractService;
  migrations: MigrationService;
  overview: CustomerOverviewService;
}

export function createCustomersContext(dataSource: DataSource, _peers: SubgraphPeers, caller: Caller): CustomersContext {
  const contractRepository = new ContractRepository(dataSource);
  return {
    caller,
    customers: new CustomerService(new CustomerRepository(dataSource), contractRepository),
    contracts: new ContractService(contractRepository),
    migrations: new MigrationService(new MigrationRepository(dataSource)),
    overview: new CustomerOverviewService(new CustomerOverviewRepository(dataSource)),
  };
}
