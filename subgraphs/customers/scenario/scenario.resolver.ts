import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CustomersContext } from '../context';
import { CustomerScenario } from './scenario.type';

@Resolver(() => CustomerScenario)
export class CustomerScenarioResolver {
  @FieldResolver(() => Int, {
    description: "Customers with a contract in force today with a partner of the threshold's population that would not qualify.",
  })
  @Directive('@requires(fields: "nonQualifyingPartnerIds")')
  customersOfNonQualifying(@Root() scenario: CustomerScenario, @Ctx() { overview }: CustomersContext) {
    return overview.customersServedBy(scenario.nonQualifyingPartnerIds ?? []);
  }

  @FieldResolver(() => Int, { description: "The same count at today's threshold." })
  @Directive('@requires(fields: "baselineNonQualifyingPartnerIds")')
  customersOfNonQualifyingToday(@Root() scenario: CustomerScenario, @Ctx() { overview }: CustomersContext) {
    return overview.customersServedBy(scenario.baselineNonQualifyingPartnerIds ?? []);
  }
}
