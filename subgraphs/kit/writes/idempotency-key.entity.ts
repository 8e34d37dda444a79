import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first result of a creating mutation sent with an idempotency key, per caller. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'varchar', length: 40 })
  operation!: string;

  @Column({ name: 'result_id', type: 'varchar', length: 36 })
  resultId!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;
}
