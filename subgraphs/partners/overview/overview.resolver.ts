import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../context';
import type { PartnerCategory, Region } from '../partner/partner.entity';
import { CategoryCount, DirectoryOverview, RegionCount } from './overview.type';
import { ListOf } from '../../kit/policy';

@Resolver(() => DirectoryOverview)
export class DirectoryOverviewResolver {
  @FieldResolver(() => Int, { description: 'Partners in the directory.' })
  async partnerCount(@Root() _overview: DirectoryOverview, @Ctx() { partners }: PartnersContext) {
    return (await partners.countBy('category')).reduce((sum, row) => sum + row.partners, 0);
  }

  @ListOf(5)
  @FieldResolver(() => [CategoryCount])
  async partnersByCategory(@Root() _overview: DirectoryOverview, @Ctx() { partners }: PartnersContext): Promise<CategoryCount[]> {
    return (await partners.countBy('category')).map((row) => ({ category: row.value as PartnerCategory, partners: row.partners }));
  }

  @ListOf(3)
  @FieldResolver(() => [RegionCount])
  async partnersByRegion(@Root() _overview: DirectoryOverview, @Ctx() { partners }: PartnersContext): Promise<RegionCount[]> {
    return (await partners.countBy('region')).map((row) => ({ region: row.value as Region, partners: row.partners }));
  }
}
