import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ListOf } from '../../kit/policy';
import type { CustomersContext } from '../context';
import { CustomerTimelinePeriod, MigrationDecisionCount } from './timeline.type';

@Resolver(() => CustomerTimelinePeriod)
export class CustomerTimelineResolver {
  @FieldResolver(() => Int, {
    description:
      'Customers at risk on the last day of the period: distinct customers with a contract in force then with a provider EXCLUDED then.',
  })
  @Directive('@requires(fields: "excludedPartnerIds")')
  customersAtRisk(@Root() period: CustomerTimelinePeriod, @Ctx() { overview }: CustomersContext) {
    return overview.customersServedOn(period.endsOn, period.excludedPartnerIds ?? []);
  }

  // Five destinations (the channel, four alternative vendors) by four statuses.
  @ListOf(20)
  @FieldResolver(() => [MigrationDecisionCount], {
    description: 'Migrations decided within the period (decidedOn from startsOn to endsOn), by destination and status.',
  })
  migrationsDecided(@Root() period: CustomerTimelinePeriod, @Ctx() { overview }: CustomersContext) {
    return overview.migrationsDecidedIn(period);
  }
}
