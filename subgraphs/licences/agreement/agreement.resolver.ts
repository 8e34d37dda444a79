import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { LicencesContext } from '../context';
import { LicenceAllocation } from '../allocation/allocation.entity';
import { LicensingPartner } from '../partner/partner.type';
import { WhiteLabelAgreementConnection } from './agreement.connection';
import { AgreementStatus, WhiteLabelAgreement } from './agreement.entity';
import { AgreementFilter, AgreementOrder, AgreementPayload, SignAgreementInput, TerminateAgreementInput } from './agreement.inputs';
import { DateScalar } from '../../kit/scalars';
import { Authenticated, ListOf, Paged, RequiresRole, VENDOR_OR_PRIMARY } from '../../kit/policy';

@Resolver(() => WhiteLabelAgreement)
export class AgreementResolver {
  @Authenticated()
  @Query(() => WhiteLabelAgreement, { nullable: true })
  whiteLabelAgreement(@Arg('id', () => ID) id: string, @Ctx() { agreements }: LicencesContext) {
    return agreements.find(id);
  }

  @Authenticated()
  @Query(() => WhiteLabelAgreementConnection, {
    description: 'Who resells to whom: white-label agreements between primaries and secondaries.',
  })
  @Paged()
  whiteLabelAgreements(
    @Arg('filter', () => AgreementFilter, { nullable: true }) filter: AgreementFilter | null,
    @Arg('orderBy', () => AgreementOrder, { nullable: true }) orderBy: AgreementOrder | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Only agreements in force on this day (signed by then, not yet ended).' })
    asOf: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { agreements }: LicencesContext,
  ) {
    return agreements.list(filter, orderBy, asOf, page);
  }

  @RequiresRole(...VENDOR_OR_PRIMARY)
  @Mutation(() => AgreementPayload, {
    description: 'Signs a white-label agreement between an active primary and a partner that is not a primary.',
  })
  signWhiteLabelAgreement(@Arg('input', () => SignAgreementInput) input: SignAgreementInput, @Ctx() { agreementWrites }: LicencesContext) {
    return agreementWrites.sign(input);
  }

  @RequiresRole(...VENDOR_OR_PRIMARY)
  @Mutation(() => AgreementPayload, { description: 'Terminates an ACTIVE agreement and releases its allocations.' })
  terminateWhiteLabelAgreement(
    @Arg('input', () => TerminateAgreementInput) input: TerminateAgreementInput,
    @Ctx() { agreementWrites }: LicencesContext,
  ) {
    return agreementWrites.terminate(input);
  }

  @FieldResolver(() => AgreementStatus)
  status(@Root() agreement: WhiteLabelAgreement, @Ctx() { agreements }: LicencesContext) {
    return agreements.statusOf(agreement);
  }

  @FieldResolver(() => LicensingPartner)
  primary(@Root() agreement: WhiteLabelAgreement): LicensingPartner {
    return { id: agreement.primaryId };
  }

  @FieldResolver(() => LicensingPartner)
  secondary(@Root() agreement: WhiteLabelAgreement): LicensingPartner {
    return { id: agreement.secondaryId };
  }

  @ListOf(5)
  @FieldResolver(() => [LicenceAllocation], { description: "Cores of the primary's licences allocated under this agreement." })
  allocations(
    @Root() agreement: WhiteLabelAgreement,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Only allocations in force on this day.' }) asOf: string | null,
    @Ctx() { allocations }: LicencesContext,
  ) {
    return allocations.underAgreement(agreement.id, asOf);
  }
}
