import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/auth';
import type { SubgraphPeers } from '../kit/subgraph';
import { ContractRepository } from './contract/contract.repository';
import { ContractScope } from './contract/contract.scope';
import { ContractService } from './contract/contract.service';
import { ContractWrites } from './contract/contract.writes';
import { AuditTrailService } from '../kit/writes/audit-trail';
import type { WriteSettings } from '../kit/writes/writer';
import { writeKit } from '../kit/writes/record-writes';
import { CustomerRepository } from './customer/customer.repository';
import { CustomerService } from './customer/customer.service';
import { CustomerWrites } from './customer/customer.writes';
import { MigrationRepository } from './migration/migration.repository';
import { MigrationService } from './migration/migration.service';
import { MigrationWrites } from './migration/migration.writes';
import { CustomerOverviewRepository } from './overview/overview.repository';
import { CustomerOverviewService } from './overview/overview.service';
import { LicencesClient } from './peers/licences.client';
import { ProgramsClient } from './peers/programs.client';

export interface CustomersContext {
  caller: Caller;
  customers: CustomerService;
  contracts: ContractService;
  migrations: MigrationService;
  overview: CustomerOverviewService;
  customerWrites: CustomerWrites;
  contractWrites: ContractWrites;
  migrationWrites: MigrationWrites;
  audit: AuditTrailService;
}

export function createCustomersContext(
  dataSource: DataSource,
  peers: SubgraphPeers,
  caller: Caller,
  writes: WriteSettings,
): CustomersContext {
  const contractRepository = new ContractRepository(dataSource);
  const licences = new LicencesClient(peers, caller);
  const scope = new ContractScope(caller, licences);
  const kit = writeKit(dataSource, caller, writes);
  const contracts = new ContractService(contractRepository, scope);
  return {
    caller,
    customers: new CustomerService(new CustomerRepository(dataSource), contractRepository, contracts, scope),
    contracts,
    migrations: new MigrationService(new MigrationRepository(dataSource), caller),
    overview: new CustomerOverviewService(new CustomerOverviewRepository(dataSource)),
    customerWrites: new CustomerWrites(kit, {}),
    contractWrites: new ContractWrites(kit, { licences, scope }),
    migrationWrites: new MigrationWrites(kit, { programs: new ProgramsClient(peers, caller), scope }),
    audit: new AuditTrailService(dataSource, caller),
  };
}
