import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { LicencesContext } from '../context';
import { WhiteLabelAgreement } from '../agreement/agreement.entity';
import { Licence } from '../licence/licence.entity';
import { LicensingPartner } from '../partner/partner.type';
import { AllocationStatus, LicenceAllocation } from './allocation.entity';
import { AllocateCoresInput, AllocateCoresPayload, ReleaseAllocationInput, ReleaseAllocationPayload } from './allocation.inputs';
import { Authenticated, RequiresRole, VENDOR_OR_PRIMARY } from '../../kit/policy';

@Resolver(() => LicenceAllocation)
export class AllocationResolver {
  @Authenticated()
  @Query(() => [ID], { description: "Internal (not in the public API): ids of the allocations made from a partner's licences." })
  @Directive('@inaccessible')
  allocationIdsGrantedBy(@Arg('partnerId', () => ID) partnerId: string, @Ctx() { allocations }: LicencesContext) {
    return allocations.idsGrantedBy(partnerId);
  }

  @RequiresRole(...VENDOR_OR_PRIMARY)
  @Mutation(() => AllocateCoresPayload, { description: "Allocates cores of a primary's licence to the secondary of an ACTIVE agreement." })
  allocateCores(@Arg('input', () => AllocateCoresInput) input: AllocateCoresInput, @Ctx() { allocationWrites }: LicencesContext) {
    return allocationWrites.allocate(input);
  }

  @RequiresRole(...VENDOR_OR_PRIMARY)
  @Mutation(() => ReleaseAllocationPayload, { description: 'Releases an ACTIVE allocation: its cores return to the licence.' })
  releaseAllocation(
    @Arg('input', () => ReleaseAllocationInput) input: ReleaseAllocationInput,
    @Ctx() { allocationWrites }: LicencesContext,
  ) {
    return allocationWrites.release(input);
  }

  @FieldResolver(() => AllocationStatus)
  status(@Root() allocation: LicenceAllocation, @Ctx() { allocations }: LicencesContext) {
    return allocations.statusOf(allocation);
  }

  @FieldResolver(() => Licence)
  licence(@Root() allocation: LicenceAllocation, @Ctx() { licences }: LicencesContext) {
    return licences.find(allocation.licenceId);
  }

  @FieldResolver(() => WhiteLabelAgreement)
  agreement(@Root() allocation: LicenceAllocation, @Ctx() { agreements }: LicencesContext) {
    return agreements.find(allocation.agreementId);
  }

  @FieldResolver(() => LicensingPartner)
  secondary(@Root() allocation: LicenceAllocation): LicensingPartner {
    return { id: allocation.secondaryId };
  }
}
