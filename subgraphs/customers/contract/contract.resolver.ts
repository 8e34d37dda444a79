import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { CustomersContext } from '../context';
import { EndCustomer } from '../customer/customer.entity';
import { ServedAllocation } from '../allocation/allocation.type';
import { ServedLicence } from '../licence/licence.type';
import { ServingPartner } from '../partner/partner.type';
import { CustomerMigration } from '../migration/migration.entity';
import { ContractStatus, ServiceContract } from './contract.entity';
import { ContractPayload, EndContractInput, OpenContractInput, TransferContractInput } from './contract.inputs';
import { RequiresRole, VENDOR_ONLY, VENDOR_OR_PARTNER } from '../../kit/policy';

@Resolver(() => ServiceContract)
export class ContractResolver {
  @RequiresRole(...VENDOR_OR_PARTNER)
  @Mutation(() => ContractPayload, { description: 'Opens a contract: a secondary on its allocation, a primary on its licence.' })
  openServiceContract(@Arg('input', () => OpenContractInput) input: OpenContractInput, @Ctx() { contractWrites }: CustomersContext) {
    return contractWrites.open(input);
  }

  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => ContractPayload, {
    description: 'Moves a customer to another provider (channel team only); the payload holds the new contract.',
  })
  transferServiceContract(
    @Arg('input', () => TransferContractInput) input: TransferContractInput,
    @Ctx() { contractWrites }: CustomersContext,
  ) {
    return contractWrites.transfer(input);
  }

  @RequiresRole(...VENDOR_OR_PARTNER)
  @Mutation(() => ContractPayload, { description: 'Ends an ACTIVE contract.' })
  endServiceContract(@Arg('input', () => EndContractInput) input: EndContractInput, @Ctx() { contractWrites }: CustomersContext) {
    return contractWrites.end(input);
  }

  @FieldResolver(() => ContractStatus)
  status(@Root() contract: ServiceContract, @Ctx() { contracts }: CustomersContext) {
    return contracts.statusOf(contract);
  }

  @FieldResolver(() => EndCustomer)
  customer(@Root() contract: ServiceContract, @Ctx() { customers }: CustomersContext) {
    // Joined when the contract was read: no second statement, and no promise per contract.
    return contract.customer ?? customers.find(contract.customerId);
  }

  @FieldResolver(() => ServingPartner, { description: 'The provider serving the customer.' })
  provider(@Root() contract: ServiceContract): ServingPartner {
    return { id: contract.providerId };
  }

  @FieldResolver(() => CustomerMigration, {
    nullable: true,
    description: 'The PLANNED or IN_PROGRESS move of the customer away from this provider, if any.',
  })
  plannedMigration(@Root() contract: ServiceContract, @Ctx() { migrations }: CustomersContext) {
    return migrations.pendingFrom(contract.customerId, contract.providerId);
  }

  @FieldResolver(() => ServedLicence, { nullable: true, description: "The provider's own licence, when a primary serves the customer." })
  licence(@Root() contract: ServiceContract): ServedLicence | null {
    return contract.licenceId ? { id: contract.licenceId } : null;
  }

  @FieldResolver(() => ServedAllocation, { nullable: true, description: 'The allocation received, when a secondary serves the customer.' })
  allocation(@Root() contract: ServiceContract): ServedAllocation | null {
    return contract.allocationId ? { id: contract.allocationId } : null;
  }
}
