import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { IdColumn, ReferenceColumn, TextColumn } from '../columns';

/** One accepted change, recorded in the database of the subgraph that made it, in the same transaction. */
@Entity('audit_events')
@ObjectType('AuditEvent', { description: 'An accepted change: who, when, what, before and after.' })
@Directive('@shareable')
export class AuditEvent {
  @IdColumn()
  id!: string;

  @TextColumn({ column: 'entity_type', length: 40 })
  entityType!: string;

  @ReferenceColumn('entity_id', { exposed: true })
  entityId!: string;

  @TextColumn({ length: 40, description: 'The mutation, e.g. allocateCores.' })
  action!: string;

  @TextColumn({ column: 'actor_subject', length: 200 })
  actorSubject!: string;

  @TextColumn({ column: 'actor_role', length: 20 })
  actorRole!: string;

  @ReferenceColumn('actor_partner_id', { nullable: true, exposed: true })
  actorPartnerId!: string | null;

  /** ISO-8601 UTC; text so no driver shifts it by a time zone. */
  @TextColumn({ column: 'occurred_at', length: 24, description: 'ISO-8601 UTC timestamp.' })
  occurredAt!: string;

  @TextColumn({
    column: 'before_json',
    length: 'unbounded',
    nullable: true,
    description: 'The entity before the change, as JSON (null when created).',
  })
  before!: string | null;

  @TextColumn({ column: 'after_json', length: 'unbounded', nullable: true, description: 'The entity after the change, as JSON.' })
  after!: string | null;
}
