import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { badUserInput } from '../../kit/errors';
import { visibleOrNull } from '../../kit/scope';
import { byIdLoader, valueLoader, type PagedGroupKey } from '../../kit/loaders';
import type { ContractRepository } from '../contract/contract.repository';
import type { ContractScope } from '../contract/contract.scope';
import type { ContractService } from '../contract/contract.service';
import type { EndCustomer } from './customer.entity';
import { type CustomerFilter, CustomerOrder } from './customer.inputs';
import type { CustomerRepository } from './customer.repository';

/** Customers: a partner user sees the customers of the contracts in its scope. */
export class CustomerService {
  private readonly byId: DataLoader<string, EndCustomer | null>;
  private servedBy: Promise<DataLoader<PagedGroupKey, Connection<EndCustomer>, string>> | null = null;
  private countServedBy: Promise<DataLoader<string, number>> | null = null;

  constructor(
    private readonly customers: CustomerRepository,
    private readonly contractRepository: ContractRepository,
    private readonly contracts: ContractService,
    private readonly scope: ContractScope,
  ) {
    this.byId = byIdLoader((ids) => customers.findByIds(ids));
  }

  async find(id: string): Promise<EndCustomer | null> {
    return visibleOrNull(await this.byId.load(id), (customer) => this.mayRead(customer.id));
  }

  /** A partner user sees a customer through a contract in its scope. */
  async mayRead(customerId: string): Promise<boolean> {
    return this.scope.readsEverything || (await this.contracts.ofCustomer(customerId)).length > 0;
  }

  async list(
    filter: CustomerFilter | null | undefined,
    order: CustomerOrder | null | undefined,
    page: PageArgs,
  ): Promise<Connection<EndCustomer>> {
    const request = pageRequest(page);
    if (filter?.country && !/^[A-Za-z]{2}$/.test(filter.country)) {
      throw badUserInput(`filter.country "${filter.country}" is not an ISO 3166-1 alpha-2 code such as "IT" or "DE".`, 'filter.country');
    }
    return this.customers.page(filter ?? {}, order ?? CustomerOrder.byDefault, request, await this.scope.restriction());
  }

  /** Customers a provider serves under ACTIVE contracts (those in the caller's scope), by customer id. */
  async servedByProvider(providerId: string, page: PageArgs): Promise<Connection<EndCustomer>> {
    const request = pageRequest(page);
    this.servedBy ??= this.scope.restriction().then((restriction) => this.contractRepository.servedCustomersLoader(this.byId, restriction));
    return (await this.servedBy).load({ parentId: providerId, page: request });
  }

  async countServedByProvider(providerId: string): Promise<number> {
    this.countServedBy ??= this.scope
      .restriction()
      .then((restriction) => valueLoader((ids) => this.contractRepository.customerCounts(ids, restriction), 0));
    return (await this.countServedBy).load(providerId);
  }
}
