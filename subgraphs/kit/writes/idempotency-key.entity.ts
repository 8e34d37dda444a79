import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ReferenceColumn } from '../columns';

/**
 * The first result of a creating mutation sent with an idempotency key: per caller (role, partner
 * and subject, hashed into `callerSha256`), bound to the operation and the SHA-256 of its input.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'caller_sha256', type: 'varchar', length: 64 })
  callerSha256!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 100 })
  key!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole!: string;

  @ReferenceColumn('actor_partner_id', { nullable: true })
  actorPartnerId!: string | null;

  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject!: string;

  @Column({ type: 'varchar', length: 40 })
  operation!: string;

  @Column({ name: 'request_sha256', type: 'varchar', length: 64 })
  requestSha256!: string;

  @ReferenceColumn('result_id')
  resultId!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;
}
