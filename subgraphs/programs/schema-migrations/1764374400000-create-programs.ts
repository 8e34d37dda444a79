import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreatePrograms1764374400000 implements MigrationInterface {
  name = 'CreatePrograms1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'programs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code', type: 'varchar', length: '20', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'vendor', type: 'varchar', length: '100' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'launched_on', type: 'date' },
          { name: 'closed_on', type: 'date', isNullable: true },
          { name: 'min_licensed_cores', type: 'int', isNullable: true },
          { name: 'invitation_only', type: 'boolean' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'program_memberships',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'program_id', type: 'varchar', length: '36' },
          { name: 'partner_id', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'role', type: 'varchar', length: '20', isNullable: true },
          { name: 'started_on', type: 'date' },
          { name: 'ended_on', type: 'date', isNullable: true },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['program_id'], referencedTableName: 'programs', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'idx_memberships_partner', columnNames: ['partner_id', 'program_id'] },
          { name: 'idx_memberships_program', columnNames: ['program_id', 'status'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('program_memberships');
    await queryRunner.dropTable('programs');
  }
}
