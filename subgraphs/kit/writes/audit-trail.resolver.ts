import { Arg, Args, Ctx, Query, Resolver, type ClassType } from 'type-graphql';
import { PageArgs } from '../connection';
import { AuditEventConnection } from './audit-event.connection';
import { AuditFilter, type AuditTrailService } from './audit-trail';
import { WholeChannelOnly } from '../policy';
import { Paged } from '../policy';

/**
 * The audit-trail query of one subgraph (`partnersAuditTrail`, …): every subgraph that writes
 * records its changes in its own `audit_events` table and answers this query over it.
 */
export function auditTrailResolver(queryName: string, description: string): ClassType {
  @Resolver()
  class AuditTrailResolver {
    @WholeChannelOnly()
    @Query(() => AuditEventConnection, { name: queryName, description })
    @Paged()
    auditTrail(
      @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() { audit }: { audit: AuditTrailService },
    ) {
      return audit.list(filter, page);
    }
  }
  return AuditTrailResolver;
}
