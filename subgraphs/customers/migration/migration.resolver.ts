import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { CustomersContext } from '../context';
import { EndCustomer } from '../customer/customer.entity';
import { ServingPartner } from '../partner/partner.type';
import { CustomerMigration } from './migration.entity';
import { MigrationPayload, RecordMigrationInput } from './migration.inputs';
import { RequiresRole, VENDOR_OR_PARTNER } from '../../kit/policy';

@Resolver(() => CustomerMigration)
export class MigrationResolver {
  @RequiresRole(...VENDOR_OR_PARTNER)
  @Mutation(() => MigrationPayload, {
    description: 'Records a customer leaving a provider: to another provider, or to an alternative platform.',
  })
  recordCustomerMigration(
    @Arg('input', () => RecordMigrationInput) input: RecordMigrationInput,
    @Ctx() { migrationWrites }: CustomersContext,
  ) {
    return migrationWrites.record(input);
  }

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
