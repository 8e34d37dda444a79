import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import type { LicencesContext } from '../context';
import { WhiteLabelAgreement } from '../agreement/agreement.entity';
import { LicenceAllocation } from '../allocation/allocation.entity';
import { Licence } from '../licence/licence.entity';
import { WhiteLabelRole } from '../../kit/white-label-role';
import { LicensingPartner } from './partner.type';
import { ListOf } from '../../kit/policy';

@Resolver(() => LicensingPartner)
export class LicensingPartnerResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Cores of the ACTIVE licences the partner holds from the vendor; null (with a FORBIDDEN error) for another partner's, to a partner user.",
  })
  licensedCores(@Root() partner: LicensingPartner, @Ctx() { licences }: LicencesContext) {
    return licences.licensedCores(partner.id);
  }

  @ListOf(5)
  @FieldResolver(() => [Licence], { description: 'Licences the partner holds, oldest first.' })
  licences(@Root() partner: LicensingPartner, @Ctx() { licences }: LicencesContext) {
    return licences.heldBy(partner.id);
  }

  @ListOf(20)
  @FieldResolver(() => [LicenceAllocation], { description: "Allocations made from the partner's licences to secondaries." })
  allocationsGranted(@Root() partner: LicensingPartner, @Ctx() { allocations }: LicencesContext) {
    return allocations.grantedBy(partner.id);
  }

  @ListOf(5)
  @FieldResolver(() => [LicenceAllocation], { description: "Allocations the partner received from primaries' licences." })
  allocationsReceived(@Root() partner: LicensingPartner, @Ctx() { allocations }: LicencesContext) {
    return allocations.receivedBy(partner.id);
  }

  @ListOf(10)
  @FieldResolver(() => [WhiteLabelAgreement], { description: 'White-label agreements of the partner, in the given role or both.' })
  whiteLabelAgreements(
    @Root() partner: LicensingPartner,
    @Arg('role', () => WhiteLabelRole, { nullable: true }) role: WhiteLabelRole | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Only agreements in force on this day.' }) asOf: string | null,
    @Ctx() { agreements }: LicencesContext,
  ) {
    return agreements.ofPartner(partner.id, role, asOf);
  }
}
