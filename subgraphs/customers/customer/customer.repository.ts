import type { DataSource, Repository } from 'typeorm';
import { cursorOf, orderedBy, paginate, type Connection, type PageRequest } from '../../kit/connection';
import { containsPattern, entitiesWhereIn } from '../../kit/sql';
import { ContractStatus } from '../contract/contract.entity';
import { EndCustomer } from './customer.entity';
import { inScope, type ContractRestriction } from '../contract/contract.scope';
import type { CustomerFilter, CustomerOrder } from './customer.inputs';

export class CustomerRepository {
  private readonly customers: Repository<EndCustomer>;

  constructor(private readonly dataSource: DataSource) {
    this.customers = dataSource.getRepository(EndCustomer);
  }

  findByIds(ids: readonly string[]): Promise<EndCustomer[]> {
    return entitiesWhereIn(this.dataSource, EndCustomer, 'id', ids);
  }

  /** `restriction`: a partner user's list holds only customers with a contract in its scope (the count too). */
  page(
    filter: CustomerFilter,
    order: CustomerOrder,
    page: PageRequest,
    restriction: ContractRestriction | null,
  ): Promise<Connection<EndCustomer>> {
    const query = this.customers.createQueryBuilder('customer');
    if (filter.country) query.andWhere('customer.country = :country', { country: filter.country.toUpperCase() });
    if (filter.industry) query.andWhere('customer.industry = :industry', { industry: filter.industry });
    if (filter.sovereignCloudRequired !== null && filter.sovereignCloudRequired !== undefined) {
      query.andWhere('customer.sovereignCloudRequired = :sovereign', { sovereign: filter.sovereignCloudRequired });
    }
    if (filter.nameContains) query.andWhere("LOWER(customer.name) LIKE :name ESCAPE '!'", { name: containsPattern(filter.nameContains) });
    // Filters see only the contracts in the caller's scope: a competitor's contract with the same
    // customer must not make it match (or be counted), or the filter tells who else serves it.
    const scoped = restriction ? inScope('scoped', restriction) : null;
    if (scoped)
      query.andWhere(`customer.id IN (SELECT scoped.customer_id FROM service_contracts scoped WHERE ${scoped.sql})`, scoped.parameters);
    if (filter.providerId) {
      const ofProvider = restriction ? inScope('contract', restriction) : null;
      query.andWhere(
        `customer.id IN (SELECT contract.customer_id FROM service_contracts contract WHERE contract.provider_id = :providerId AND contract.status = :active${ofProvider ? ` AND ${ofProvider.sql}` : ''})`,
        { providerId: filter.providerId, active: ContractStatus.ACTIVE, ...ofProvider?.parameters },
      );
    }
    return paginate(query, page, orderedBy('customer', order.field, order.direction), cursorOf(order.field));
  }
}
