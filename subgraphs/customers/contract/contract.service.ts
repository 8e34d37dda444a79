import type DataLoader from 'dataloader';
import { byIdLoader, groupLoader } from '../../kit/loaders';
import type { ContractStatus, ServiceContract } from './contract.entity';
import type { ContractRepository } from './contract.repository';

export class ContractService {
  private readonly byId: DataLoader<string, ServiceContract | null>;
  private readonly byCustomer: DataLoader<string, ServiceContract[]>;
  private readonly byLicence: DataLoader<string, ServiceContract[]>;
  private readonly byAllocation: DataLoader<string, ServiceContract[]>;

  constructor(repository: ContractRepository) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byCustomer = groupLoader((ids) => repository.findByCustomerIds(ids), (contract) => contract.customerId);
    this.byLicence = groupLoader((ids) => repository.findByLicenceIds(ids), (contract) => contract.licenceId!);
    this.byAllocation = groupLoader((ids) => repository.findByAllocationIds(ids), (contract) => contract.allocationId!);
  }

  find(id: string): Promise<ServiceContract | null> {
    return this.byId.load(id);
  }

  ofCustomer(customerId: string): Promise<ServiceContract[]> {
    return this.byCustomer.load(customerId);
  }

  async onLicence(licenceId: string, status: ContractStatus | null): Promise<ServiceContract[]> {
    return withStatus(await this.byLicence.load(licenceId), status);
  }

  async onAllocation(allocationId: string, status: ContractStatus | null): Promise<ServiceContract[]> {
    return withStatus(await this.byAllocation.load(allocationId), status);
  }
}

function withStatus(contracts: ServiceContract[], status: ContractStatus | null): ServiceContract[] {
  return status ? contracts.filter((contract) => contract.status === status) : contracts;
}
