import { Field, ID, InputType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireFullRead, type Caller } from '../auth';
import { pageRequest, paginate, type Connection, type PageArgs } from '../connection';
import { AuditEvent } from './audit-event.entity';

@InputType({ description: 'Narrows the audit trail; all given conditions must hold.' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'e.g. LicenceAllocation' })
  entityType?: string | null;

  @Field(() => ID, { nullable: true })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Subject of the caller who made the change.' })
  actorSubject?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 UTC timestamp: changes at or after.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 UTC timestamp: changes before.' })
  to?: string | null;
}

/** The changes one subgraph recorded, newest first; for the channel team and analysts. */
export class AuditTrailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caller: Caller,
  ) {}

  list(filter: AuditFilter | null, page: PageArgs): Promise<Connection<AuditEvent>> {
    return auditTrail(this.dataSource, this.caller, filter, page);
  }
}

function auditTrail(dataSource: DataSource, caller: Caller, filter: AuditFilter | null, page: PageArgs): Promise<Connection<AuditEvent>> {
  requireFullRead(caller, 'The audit trail');
  const request = pageRequest(page);
  const query = dataSource.getRepository(AuditEvent).createQueryBuilder('event');
  if (filter?.entityType) query.andWhere('event.entityType = :entityType', { entityType: filter.entityType });
  if (filter?.entityId) query.andWhere('event.entityId = :entityId', { entityId: filter.entityId });
  if (filter?.actorSubject) query.andWhere('event.actorSubject = :actorSubject', { actorSubject: filter.actorSubject });
  if (filter?.from) query.andWhere('event.occurredAt >= :from', { from: filter.from });
  if (filter?.to) query.andWhere('event.occurredAt < :to', { to: filter.to });
  return paginate(
    query,
    request,
    [
      { expression: 'event.occurredAt', direction: 'DESC' },
      { expression: 'event.id', direction: 'ASC' },
    ],
    (event) => [event.occurredAt, event.id],
  );
}
