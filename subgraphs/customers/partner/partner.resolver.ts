import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { CustomersContext } from '../context';
import { EndCustomerConnection } from '../customer/customer.connection';
import { ServingPartner } from './partner.type';
import { Paged } from '../../kit/policy';

@Resolver(() => ServingPartner)
export class ServingPartnerResolver {
  @FieldResolver(() => EndCustomerConnection, { description: 'Customers the partner serves under ACTIVE contracts.' })
  @Paged()
  customers(@Root() partner: ServingPartner, @Args(() => PageArgs) page: PageArgs, @Ctx() { customers }: CustomersContext) {
    return customers.servedByProvider(partner.id, page);
  }

  @FieldResolver(() => Int, { description: 'Number of customers the partner serves under ACTIVE contracts.' })
  customerCount(@Root() partner: ServingPartner, @Ctx() { customers }: CustomersContext) {
    return customers.countServedByProvider(partner.id);
  }
}
