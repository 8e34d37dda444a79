import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { CustomersContext } from '../context';
import { ServiceContract } from '../contract/contract.entity';
import { CustomerMigration } from '../migration/migration.entity';
import { EndCustomer } from './customer.entity';
import { EndCustomerConnection } from './customer.connection';
import { CreateCustomerInput, CustomerFilter, CustomerOrder, CustomerPayload } from './customer.inputs';
import { Authenticated, ListOf, Paged, RequiresRole, VENDOR_ONLY } from '../../kit/policy';

@Resolver(() => EndCustomer)
export class CustomerResolver {
  @Authenticated()
  @Query(() => EndCustomer, { nullable: true })
  customer(@Arg('id', () => ID) id: string, @Ctx() { customers }: CustomersContext) {
    return customers.find(id);
  }

  @Authenticated()
  @Query(() => EndCustomerConnection, { description: 'End customers, by name unless ordered otherwise.' })
  @Paged()
  customers(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Arg('orderBy', () => CustomerOrder, { nullable: true }) orderBy: CustomerOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { customers }: CustomersContext,
  ) {
    return customers.list(filter, orderBy, page);
  }

  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => CustomerPayload, { description: 'Adds an end customer to the channel records (channel team only).' })
  createCustomer(@Arg('input', () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() { customerWrites }: CustomersContext) {
    return customerWrites.create(input);
  }

  @ListOf(5)
  @FieldResolver(() => [ServiceContract], { description: 'Every contract of the customer, oldest first.' })
  contracts(@Root() customer: EndCustomer, @Ctx() { contracts }: CustomersContext) {
    return contracts.ofCustomer(customer.id);
  }

  @ListOf(3)
  @FieldResolver(() => [CustomerMigration], { description: 'Moves away from a provider, oldest decision first.' })
  migrations(@Root() customer: EndCustomer, @Ctx() { migrations }: CustomersContext) {
    return migrations.ofCustomer(customer.id);
  }
}
