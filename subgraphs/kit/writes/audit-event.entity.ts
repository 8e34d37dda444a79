import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One accepted change, recorded in the database of the subgraph that made it, in the same transaction. */
@Entity('audit_events')
@ObjectType('AuditEvent', { description: 'An accepted change: who, when, what, before and after.' })
@Directive('@shareable')
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  @Field()
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 36 })
  @Field(() => ID)
  entityId!: string;

  @Column({ type: 'varchar', length: 40 })
  @Field({ description: 'The mutation, e.g. allocateCores.' })
  action!: string;

  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  @Field()
  actorSubject!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  @Field()
  actorRole!: string;

  @Column({ name: 'actor_partner_id', type: 'varchar', length: 36, nullable: true })
  @Field(() => ID, { nullable: true })
  actorPartnerId!: string | null;

  /** ISO-8601 UTC; text so no driver shifts it by a time zone. */
  @Column({ name: 'occurred_at', type: 'varchar', length: 24 })
  @Field({ description: 'ISO-8601 UTC timestamp.' })
  occurredAt!: string;

  @Column({ name: 'before_json', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The entity before the change, as JSON (null when created).' })
  before!: string | null;

  @Column({ name: 'after_json', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The entity after the change, as JSON.' })
  after!: string | null;
}
