import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { LicencesContext } from '../context';
import { LicenceAllocation } from '../allocation/allocation.entity';
import { LicensingPartner } from '../partner/partner.type';
import { LicenceConnection } from './licence.connection';
import { Licence, LicenceStatus } from './licence.entity';
import { CreateLicenceInput, LicenceFilter, LicenceOrder, LicencePayload } from './licence.inputs';
import { Authenticated, ListOf, Paged, RequiresRole, VENDOR_ONLY } from '../../kit/policy';

@Resolver(() => Licence)
export class LicenceResolver {
  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => LicencePayload, { description: 'Records a licence the vendor granted a partner (channel team only).' })
  createLicence(@Arg('input', () => CreateLicenceInput) input: CreateLicenceInput, @Ctx() { licenceWrites }: LicencesContext) {
    return licenceWrites.create(input);
  }

  @Authenticated()
  @Query(() => Licence, { nullable: true })
  licence(@Arg('id', () => ID) id: string, @Ctx() { licences }: LicencesContext) {
    return licences.find(id);
  }

  @Authenticated()
  @Query(() => LicenceConnection)
  @Paged()
  licences(
    @Arg('filter', () => LicenceFilter, { nullable: true }) filter: LicenceFilter | null,
    @Arg('orderBy', () => LicenceOrder, { nullable: true }) orderBy: LicenceOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { licences }: LicencesContext,
  ) {
    return licences.list(filter, orderBy, page);
  }

  @FieldResolver(() => LicenceStatus)
  status(@Root() licence: Licence, @Ctx() { licences }: LicencesContext) {
    return licences.statusOf(licence);
  }

  @FieldResolver(() => LicensingPartner)
  holder(@Root() licence: Licence): LicensingPartner {
    return { id: licence.holderId };
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Cores in allocations to secondaries in force today. The holder's figure: for anyone else (a secondary looking at the licence its cores come from) null, with FORBIDDEN.",
  })
  allocatedCores(@Root() licence: Licence, @Ctx() { allocations }: LicencesContext) {
    return allocations.allocatedCores(licence);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "Cores still free to allocate: cores minus allocatedCores. The holder's figure, like allocatedCores.",
  })
  async availableCores(@Root() licence: Licence, @Ctx() { allocations }: LicencesContext) {
    return licence.cores - (await allocations.allocatedCores(licence));
  }

  @ListOf(20)
  @FieldResolver(() => [LicenceAllocation])
  allocations(@Root() licence: Licence, @Ctx() { allocations }: LicencesContext) {
    return allocations.fromLicence(licence.id);
  }
}
