import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { PartnersContext } from '../context';
import { Partner } from './partner.entity';
import { PartnerConnection } from './partner.connection';
import { CreatePartnerInput, PartnerFilter, PartnerOrder, PartnerPayload, UpdatePartnerInput } from './partner.inputs';
import { Authenticated, Paged, RequiresRole, VENDOR_ONLY } from '../../kit/policy';

@Resolver(() => Partner)
export class PartnerResolver {
  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => PartnerPayload, { description: 'Adds a partner to the directory (channel team only).' })
  createPartner(@Arg('input', () => CreatePartnerInput) input: CreatePartnerInput, @Ctx() { partnerWrites }: PartnersContext) {
    return partnerWrites.create(input);
  }

  @RequiresRole(...VENDOR_ONLY)
  @Mutation(() => PartnerPayload, { description: "Changes a partner's directory data (channel team only)." })
  updatePartner(@Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput, @Ctx() { partnerWrites }: PartnersContext) {
    return partnerWrites.update(input);
  }

  @Authenticated()
  @Query(() => Partner, { nullable: true, description: 'One partner by id.' })
  partner(@Arg('id', () => ID) id: string, @Ctx() { partners }: PartnersContext) {
    return partners.find(id);
  }

  @Authenticated()
  @Query(() => [ID], {
    description:
      'Internal (not in the public API): every partner id, for the programs subgraph (partners without memberships are NOT_ENROLLED).',
  })
  @Directive('@inaccessible')
  partnerIds(@Ctx() { partners }: PartnersContext) {
    return partners.allIds();
  }

  @Authenticated()
  @Query(() => PartnerConnection, { description: 'The partner directory, by name unless ordered otherwise.' })
  @Paged()
  partners(
    @Arg('filter', () => PartnerFilter, { nullable: true }) filter: PartnerFilter | null,
    @Arg('orderBy', () => PartnerOrder, { nullable: true }) orderBy: PartnerOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { partners }: PartnersContext,
  ) {
    return partners.list(filter, orderBy, page);
  }
}
