import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import { AuditEvent } from '../../kit/writes/audit-event.entity';
import { AuditEventConnection, AuditFilter } from '../../kit/writes/audit-trail';
import type { LicencesContext } from '../context';

@Resolver(() => AuditEvent)
export class LicencesAuditResolver {
  @Query(() => AuditEventConnection, { description: 'Changes to licences, agreements and allocations: who, when, what, before and after.' })
  licencesAuditTrail(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { audit }: LicencesContext,
  ) {
    return audit.list(filter, page);
  }
}
