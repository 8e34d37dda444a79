import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../context';
import { DirectoryTimelinePeriod } from './timeline.type';

@Resolver(() => DirectoryTimelinePeriod)
export class DirectoryTimelineResolver {
  @FieldResolver(() => Int, {
    description: 'Internal: partners in the directory (which keeps no history: the count today), for the NOT_ENROLLED figure.',
  })
  @Directive('@inaccessible')
  partnerCount(@Root() _period: DirectoryTimelinePeriod, @Ctx() { partners }: PartnersContext) {
    return partners.count();
  }
}
