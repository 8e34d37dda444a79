import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Role } from '../../../common/identity';
import { ReferenceColumn } from '../../kit/columns';

/**
 * An API key of a partner tool (or of a vendor/analyst integration). The secret itself is never
 * stored: only its SHA-256 (`keyHash`). Times are ISO-8601 UTC strings (`2026-07-01T09:30:00.000Z`),
 * the same text on SQLite and MySQL whatever the server's or the process's time zone.
 */
@Entity('api_keys')
@Unique('uq_api_keys_key_hash', ['keyHash'])
@Index('idx_api_keys_partner', ['partnerId'])
export class ApiKey {
  /** The key id, the part after `cgk_` in the key; the caller's subject. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** The partner a PRIMARY or SECONDARY key belongs to; null for VENDOR and ANALYST keys. */
  @ReferenceColumn('partner_id', { nullable: true })
  partnerId!: string | null;

  /** What the key is for, e.g. the tool that uses it. */
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** SHA-256 of the key's secret, lowercase hex. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 24, nullable: true })
  revokedAt!: string | null;
}
