import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { badUserInput } from '../../kit/errors';
import { byIdLoader, valueLoader, type PagedGroupKey } from '../../kit/loaders';
import type { ContractRepository } from '../contract/contract.repository';
import type { EndCustomer } from './customer.entity';
import { OrderDirection } from '../../kit/connection';
import { CustomerOrderField, type CustomerFilter, type CustomerOrder } from './customer.inputs';

const DEFAULT_ORDER: CustomerOrder = { field: CustomerOrderField.NAME, direction: OrderDirection.ASC };
import type { CustomerRepository } from './customer.repository';

export class CustomerService {
  private readonly byId: DataLoader<string, EndCustomer | null>;
  private readonly servedBy: DataLoader<PagedGroupKey, Connection<EndCustomer>, string>;
  private readonly countServedBy: DataLoader<string, number>;

  constructor(
    private readonly customers: CustomerRepository,
    contracts: ContractRepository,
  ) {
    this.byId = byIdLoader((ids) => customers.findByIds(ids));
    this.servedBy = contracts.servedCustomersLoader(this.byId);
    this.countServedBy = valueLoader((ids) => contracts.customerCounts(ids), 0);
  }

  find(id: string): Promise<EndCustomer | null> {
    return this.byId.load(id);
  }

  list(filter: CustomerFilter | null | undefined, order: CustomerOrder | null | undefined, page: PageArgs): Promise<Connection<EndCustomer>> {
    const request = pageRequest(page);
    if (filter?.country && !/^[A-Za-z]{2}$/.test(filter.country)) {
      throw badUserInput(`filter.country "${filter.country}" is not an ISO 3166-1 alpha-2 code such as "IT" or "DE".`, 'filter.country');
    }
    return this.customers.page(filter ?? {}, order ?? DEFAULT_ORDER, request);
  }

  /** Customers a provider serves under ACTIVE contracts, by customer id. */
  servedByProvider(providerId: string, page: PageArgs): Promise<Connection<EndCustomer>> {
    return this.servedBy.load({ parentId: providerId, page: pageRequest(page) });
  }

  countServedByProvider(providerId: string): Promise<number> {
    return this.countServedBy.load(providerId);
  }
}
