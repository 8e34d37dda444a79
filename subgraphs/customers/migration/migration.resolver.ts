import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CustomersContext } from '../context';
import { EndCustomer } from '../customer/customer.entity';
import { ServingPartner } from '../partner/partner.type';
import { CustomerMigration } from './migration.entity';

@Resolver(() => CustomerMigration)
export class MigrationResolver {
  @FieldResolver(() => EndCustomer)
  customer(@Root() migration: CustomerMigration, @Ctx() { customers }: CustomersContext) {
    return customers.find(migration.customerId);
  }

  @FieldResolver(() => ServingPartner, { description: 'The provider the customer leaves.' })
  from(@Root() migration: CustomerMigration): ServingPartner {
    return { id: migration.fromProviderId };
  }

  @FieldResolver(() => ServingPartner, { nullable: true, description: 'The provider the customer moves to, unless it leaves the channel.' })
  to(@Root() migration: CustomerMigration): ServingPartner | null {
    return migration.toProviderId ? { id: migration.toProviderId } : null;
  }
}
