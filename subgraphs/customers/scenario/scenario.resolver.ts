import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { requireFullRead } from '../../kit/auth';
import type { CustomersContext } from '../context';
import { CustomerScenario } from './scenario.type';

@Resolver(() => CustomerScenario)
export class CustomerScenarioResolver {
  @FieldResolver(() => Int, { description: 'Customers with an ACTIVE contract with a partner that would not qualify.' })
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

export const customerScenarioReference = {
  ThresholdScenario: {
    __resolveReference: (reference: object, { caller }: CustomersContext) => {
      requireFullRead(caller, 'thresholdWhatIf');
      return reference as CustomerScenario;
    },
  },
};
