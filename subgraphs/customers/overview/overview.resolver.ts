import { Arg, Args, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { CustomersContext } from '../context';
import { ServiceContractConnection } from '../contract/contract.connection';
import { ContractOrder } from '../contract/contract.inputs';
import { CustomerOverview, MigrationDestinationCount, MigrationReasonCount, ProviderStatusCustomers } from './overview.type';
import { ListOf, Paged } from '../../kit/policy';

@Resolver(() => CustomerOverview)
export class CustomerOverviewResolver {
  @FieldResolver(() => Int, { description: 'End customers known to the channel.' })
  customerCount(@Root() _overview: CustomerOverview, @Ctx() { overview }: CustomersContext) {
    return overview.customerCount();
  }

  @ListOf(5)
  @FieldResolver(() => [ProviderStatusCustomers], {
    description: 'Customers under contracts in force today, by the channel status of their provider today.',
  })
  @Directive('@requires(fields: "primaryPartnerIds secondaryPartnerIds legacyMemberPartnerIds excludedPartnerIds")')
  customersByProviderStatus(@Root() o: CustomerOverview, @Ctx() { overview }: CustomersContext) {
    return overview.customersByProviderStatus({
      primary: o.primaryPartnerIds ?? [],
      secondary: o.secondaryPartnerIds ?? [],
      legacyMember: o.legacyMemberPartnerIds ?? [],
      excluded: o.excludedPartnerIds ?? [],
    });
  }

  @FieldResolver(() => ServiceContractConnection, {
    description:
      'Customers at risk: contracts in force today with providers EXCLUDED today, biggest first; each says whether a move is planned.',
  })
  @Directive('@requires(fields: "excludedPartnerIds")')
  @Paged()
  customersAtRisk(
    @Root() o: CustomerOverview,
    @Arg('orderBy', () => ContractOrder, { nullable: true }) orderBy: ContractOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { contracts }: CustomersContext,
  ) {
    return contracts.activeOfProviders(o.excludedPartnerIds ?? [], orderBy, page);
  }

  @ListOf(4)
  @FieldResolver(() => [MigrationReasonCount])
  migrationsByReason(@Root() _overview: CustomerOverview, @Ctx() { overview }: CustomersContext) {
    return overview.migrationsByReason();
  }

  @ListOf(5)
  @FieldResolver(() => [MigrationDestinationCount])
  migrationsByDestination(@Root() _overview: CustomerOverview, @Ctx() { overview }: CustomersContext) {
    return overview.migrationsByDestination();
  }
}
