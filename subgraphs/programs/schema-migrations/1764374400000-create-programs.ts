import { column, createTables, schemaMigration } from '../../kit/schema-migrations';

export const CreatePrograms1764374400000 = schemaMigration(
  'CreatePrograms1764374400000',
  createTables(
    {
      name: 'programs',
      columns: [
        column.id(),
        column.text('code', 20, { unique: true }),
        column.text('name', 200),
        column.text('vendor', 100),
        column.status(),
        column.day('launched_on'),
        column.day('closed_on', { nullable: true }),
        column.count('min_licensed_cores', { nullable: true }),
        column.flag('invitation_only'),
      ],
    },
    {
      name: 'program_memberships',
      columns: [
        column.id(),
        column.reference('program_id', { table: 'programs' }),
        column.reference('partner_id'),
        column.status(),
        column.text('role', 20, { nullable: true }),
        column.day('started_on'),
        column.day('ended_on', { nullable: true }),
        column.text('reason', 500, { nullable: true }),
      ],
      indices: { idx_memberships_partner: ['partner_id', 'program_id'], idx_memberships_program: ['program_id', 'status'] },
    },
  ),
);
