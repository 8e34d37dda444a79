import { column, createTables, schemaMigration } from '../../kit/schema-migrations';

/** API keys of partner tools: only the hash of each key's secret is stored. */
export const CreateApiKeys1764547200000 = schemaMigration(
  'CreateApiKeys1764547200000',
  createTables({
    name: 'api_keys',
    columns: [
      column.id(),
      column.text('role', 16),
      column.reference('partner_id', { nullable: true }),
      column.text('name', 200),
      column.sha256('key_hash'),
      column.instant('created_at'),
      column.instant('revoked_at', { nullable: true }),
    ],
    uniques: { uq_api_keys_key_hash: ['key_hash'] },
    indices: { idx_api_keys_partner: ['partner_id'] },
  }),
);
