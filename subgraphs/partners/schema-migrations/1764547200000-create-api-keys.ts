import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** API keys of partner tools: only the hash of each key's secret is stored. */
export class CreateApiKeys1764547200000 implements MigrationInterface {
  name = 'CreateApiKeys1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'partner_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'revoked_at', type: 'varchar', length: '24', isNullable: true },
        ],
        uniques: [{ name: 'uq_api_keys_key_hash', columnNames: ['key_hash'] }],
        indices: [{ name: 'idx_api_keys_partner', columnNames: ['partner_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
  }
}
