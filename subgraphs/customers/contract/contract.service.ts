import type DataLoader from 'dataloader';
import { requireFullRead } from '../../kit/auth';
import { visibleOrNull } from '../../kit/scope';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader } from '../../kit/loaders';
import { inForceOn, statusOn } from '../../kit/validity';
import { CONTRACT_LIFECYCLE, type ContractStatus, type ServiceContract } from './contract.entity';
import { ContractOrder } from './contract.inputs';
import type { ContractRepository } from './contract.repository';
import type { ContractScope } from './contract.scope';

export class ContractService {
  private readonly byId: DataLoader<string, ServiceContract | null>;
  private readonly byCustomer: DataLoader<string, ServiceContract[]>;
  private readonly byLicence: DataLoader<string, ServiceContract[]>;
  private readonly byAllocation: DataLoader<string, ServiceContract[]>;

  constructor(
    private readonly repository: ContractRepository,
    private readonly scope: ContractScope,
  ) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byCustomer = groupLoader(
      (ids) => repository.findByCustomerIds(ids),
      (contract) => contract.customerId,
    );
    this.byLicence = groupLoader(
      (ids) => repository.findByLicenceIds(ids),
      (contract) => contract.licenceId!,
    );
    this.byAllocation = groupLoader(
      (ids) => repository.findByAllocationIds(ids),
      (contract) => contract.allocationId!,
    );
  }

  async find(id: string): Promise<ServiceContract | null> {
    return visibleOrNull(await this.byId.load(id), async (contract) => (await this.scope.visible([contract])).length > 0);
  }

  async ofCustomer(customerId: string): Promise<ServiceContract[]> {
    return this.scope.visible(await this.byCustomer.load(customerId));
  }

  async onLicence(licenceId: string, status: ContractStatus | null, asOf: string | null = null): Promise<ServiceContract[]> {
    return selected(await this.scope.visible(await this.byLicence.load(licenceId)), status, asOf);
  }

  async onAllocation(allocationId: string, status: ContractStatus | null, asOf: string | null = null): Promise<ServiceContract[]> {
    return selected(await this.scope.visible(await this.byAllocation.load(allocationId)), status, asOf);
  }

  /** The contract's status today (kit/validity.ts: status follows the dates). */
  statusOf(contract: ServiceContract): ContractStatus {
    return statusOn(CONTRACT_LIFECYCLE, contract.status, contract.endsOn);
  }

  /** Contracts in force today of the given providers (e.g. the EXCLUDED ones: customers at risk). */
  activeOfProviders(
    providerIds: readonly string[],
    order: ContractOrder | null | undefined,
    page: PageArgs,
  ): Promise<Connection<ServiceContract>> {
    requireFullRead(this.scope.caller, 'customersAtRisk');
    return this.repository.activeOfProviders(providerIds, order ?? ContractOrder.byDefault, pageRequest(page));
  }
}

function selected(contracts: ServiceContract[], status: ContractStatus | null, asOf: string | null): ServiceContract[] {
  return contracts.filter(
    (contract) =>
      (!status || statusOn(CONTRACT_LIFECYCLE, contract.status, contract.endsOn) === status) &&
      (!asOf || inForceOn(contract.startsOn, contract.endsOn, asOf)),
  );
}
