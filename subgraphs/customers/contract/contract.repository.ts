import type DataLoader from 'dataloader';
import type { DataSource, Repository } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connections';
import { cursorOf, orderedBy, paginate, type Connection, type PageRequest } from '../../kit/connection';
import type { PagedGroupKey } from '../../kit/loaders';
import { entitiesWhereIn, tableOf, toNumber } from '../../kit/sql';
import { EndCustomer } from '../customer/customer.entity';
import { ContractStatus, ServiceContract } from './contract.entity';
import type { ContractOrder } from './contract.inputs';
import { restrictionSql, type ContractRestriction } from './contract.scope';

/** (provider, customer) pairs of ACTIVE contracts, within the caller's scope: who serves whom today. */
function servedCustomers(restriction: ContractRestriction | null) {
  const scope = restrictionSql(restriction);
  return {
    source: `(SELECT DISTINCT provider_id, customer_id FROM service_contracts WHERE status = ?${scope.sql})`,
    params: [ContractStatus.ACTIVE, ...scope.params],
    parentColumn: 'provider_id',
    childColumn: 'customer_id',
  };
}

export class ContractRepository {
  private readonly contracts: Repository<ServiceContract>;

  constructor(private readonly dataSource: DataSource) {
    this.contracts = dataSource.getRepository(ServiceContract);
  }

  findByIds(ids: readonly string[]): Promise<ServiceContract[]> {
    return entitiesWhereIn(this.dataSource, ServiceContract, 'id', ids);
  }

  findByCustomerIds(customerIds: readonly string[]): Promise<ServiceContract[]> {
    return entitiesWhereIn(this.dataSource, ServiceContract, 'customerId', customerIds, ['startsOn', 'id']);
  }

  /** With their customers: answers that list contracts on licences or allocations nearly always show who is served. */
  findByLicenceIds(licenceIds: readonly string[]): Promise<ServiceContract[]> {
    return this.withCustomersWhereIn('licenceId', licenceIds);
  }

  findByAllocationIds(allocationIds: readonly string[]): Promise<ServiceContract[]> {
    return this.withCustomersWhereIn('allocationId', allocationIds);
  }

  /** One statement for contracts and their customers, where the customers would otherwise take a second one with thousands of ids. */
  private async withCustomersWhereIn(property: 'licenceId' | 'allocationId', values: readonly string[]): Promise<ServiceContract[]> {
    if (values.length === 0) return [];
    const contract = tableOf(this.dataSource, ServiceContract, 'c');
    const customer = tableOf(this.dataSource, EndCustomer, 'cu');
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${contract.selectList}, ${customer.selectList} FROM ${contract.from} LEFT JOIN ${customer.from} ON ${customer.column('id')} = ${contract.column('customerId')}
       WHERE ${contract.column(property)} IN (${values.map(() => '?').join(', ')}) ORDER BY ${contract.column('startsOn')}, ${contract.column('id')}`,
      [...values],
    );
    return rows.map((row) => {
      const served = contract.hydrate(row);
      const customerOf = customer.hydrate(row);
      if (customerOf.id !== null) served.customer = customerOf;
      return served;
    });
  }

  /** Distinct customers under ACTIVE contracts per provider, within the caller's scope. */
  async customerCounts(providerIds: readonly string[], restriction: ContractRestriction | null): Promise<Map<string, number>> {
    const scope = restrictionSql(restriction);
    const rows: Array<{ provider_id: string; customers: unknown }> = await this.dataSource.query(
      `SELECT provider_id, COUNT(DISTINCT customer_id) AS customers FROM service_contracts
       WHERE status = ? AND provider_id IN (${providerIds.map(() => '?').join(', ')})${scope.sql}
       GROUP BY provider_id`,
      [ContractStatus.ACTIVE, ...providerIds, ...scope.params],
    );
    return new Map(rows.map((row) => [row.provider_id, toNumber(row.customers)]));
  }

  /** ACTIVE contracts served by any of the providers, as a connection. */
  activeOfProviders(providerIds: readonly string[], order: ContractOrder, page: PageRequest): Promise<Connection<ServiceContract>> {
    const query = this.contracts
      .createQueryBuilder('contract')
      .where('contract.status = :active', { active: ContractStatus.ACTIVE })
      .andWhere(providerIds.length > 0 ? 'contract.providerId IN (:...providerIds)' : '1 = 0', { providerIds });
    return paginate(query, page, orderedBy('contract', order.field, order.direction), cursorOf(order.field));
  }

  servedCustomersLoader(
    customers: DataLoader<string, EndCustomer | null>,
    restriction: ContractRestriction | null,
  ): DataLoader<PagedGroupKey, Connection<EndCustomer>, string> {
    return childConnectionLoader(this.dataSource, servedCustomers(restriction), customers);
  }
}
