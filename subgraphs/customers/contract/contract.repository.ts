import type DataLoader from 'dataloader';
import { In, type DataSource, type Repository } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connections';
import { cursorOf, orderedBy, paginate, type Connection, type PageRequest } from '../../kit/connection';
import type { PagedGroupKey } from '../../kit/loaders';
import { toNumber } from '../../kit/sql';
import type { EndCustomer } from '../customer/customer.entity';
import { ContractStatus, ServiceContract } from './contract.entity';
import type { ContractOrder } from './contract.inputs';

/** (provider, customer) pairs of ACTIVE contracts: who serves whom today. */
const SERVED_CUSTOMERS = {
  source: '(SELECT DISTINCT provider_id, customer_id FROM service_contracts WHERE status = ?)',
  params: [ContractStatus.ACTIVE],
  parentColumn: 'provider_id',
  childColumn: 'customer_id',
};

export class ContractRepository {
  private readonly contracts: Repository<ServiceContract>;

  constructor(private readonly dataSource: DataSource) {
    this.contracts = dataSource.getRepository(ServiceContract);
  }

  findByIds(ids: readonly string[]): Promise<ServiceContract[]> {
    return this.contracts.findBy({ id: In([...ids]) });
  }

  findByCustomerIds(customerIds: readonly string[]): Promise<ServiceContract[]> {
    return this.contracts.find({ where: { customerId: In([...customerIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  findByLicenceIds(licenceIds: readonly string[]): Promise<ServiceContract[]> {
    return this.contracts.find({ where: { licenceId: In([...licenceIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  findByAllocationIds(allocationIds: readonly string[]): Promise<ServiceContract[]> {
    return this.contracts.find({ where: { allocationId: In([...allocationIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  /** Distinct customers under ACTIVE contracts per provider. */
  async customerCounts(providerIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ providerId: string; customers: unknown }> = await this.contracts
      .createQueryBuilder('contract')
      .select('contract.providerId', 'providerId')
      .addSelect('COUNT(DISTINCT contract.customerId)', 'customers')
      .where('contract.providerId IN (:...providerIds)', { providerIds })
      .andWhere('contract.status = :status', { status: ContractStatus.ACTIVE })
      .groupBy('contract.providerId')
      .getRawMany();
    return new Map(rows.map((row) => [row.providerId, toNumber(row.customers)]));
  }

  /** ACTIVE contracts served by any of the providers, as a connection. */
  activeOfProviders(providerIds: readonly string[], order: ContractOrder, page: PageRequest): Promise<Connection<ServiceContract>> {
    const query = this.contracts
      .createQueryBuilder('contract')
      .where('contract.status = :active', { active: ContractStatus.ACTIVE })
      .andWhere(providerIds.length > 0 ? 'contract.providerId IN (:...providerIds)' : '1 = 0', { providerIds });
    return paginate(query, page, orderedBy('contract', order.field, order.direction), cursorOf(order.field));
  }

  servedCustomersLoader(customers: DataLoader<string, EndCustomer | null>): DataLoader<PagedGroupKey, Connection<EndCustomer>, string> {
    return childConnectionLoader(this.dataSource, SERVED_CUSTOMERS, customers);
  }
}
