import { Ctx, Query, Resolver } from 'type-graphql';
import type { PartnersContext } from '../context';
import { Viewer } from './viewer.type';
import { Authenticated } from '../../kit/policy';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Authenticated()
  @Query(() => Viewer, {
    description: 'The caller: its role and, for partner roles, its partner (the dashboard picks its views from this).',
  })
  async viewer(@Ctx() { caller, partners }: PartnersContext): Promise<Viewer> {
    const { subject, role, partnerId } = caller.identity;
    return { subject, role, partner: partnerId ? await partners.find(partnerId) : null };
  }
}
