import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common/paths';
import { subgraphStoring } from '../subgraphs';
import { AuditEvent } from '../subgraphs/kit/writes/audit-event.entity';
import { AUDIT_TRAIL_FORMATS, CSV_FORMATS } from './csv-formats';

describe('the import formats', () => {
  const readme = fs.readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');

  it.each(CSV_FORMATS.map((format) => [format.file, format] as const))(
    '%s is documented in the README, column by column, with an example file',
    (file, format) => {
      const section = readme.slice(readme.indexOf(`**${file}**`));
      const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| column |')));
      expect(
        table
          .split('\n')
          .filter((line) => line.startsWith('| `'))
          .map((line) => line.split('`')[1]),
      ).toEqual(format.columns.map((column) => column.name));
      // The audit trails come from exports: the example, a new channel, has no history.
      const example = path.join(projectRoot(), 'examples', 'csv-import', file);
      expect(fs.existsSync(example)).toBe(!AUDIT_TRAIL_FORMATS.includes(format));
      if (!fs.existsSync(example)) return;
      const header = fs.readFileSync(example, 'utf8').split('\n')[0];
      expect(header?.split(',')).toEqual(format.columns.map((column) => column.name));
    },
  );

  it("take each file's subgraph from the store holding its entity, and the export's order from the entity's first day", () => {
    expect(CSV_FORMATS.map((format) => [format.file, format.subgraph, format.firstDay ?? null])).toEqual([
      ['partners.csv', 'partners', null],
      ['licences.csv', 'licences', 'startsOn'],
      ['memberships.csv', 'programs', 'startedOn'],
      ['agreements.csv', 'licences', 'signedOn'],
      ['allocations.csv', 'licences', 'startsOn'],
      ['customers.csv', 'customers', null],
      ['contracts.csv', 'customers', 'startsOn'],
      ['migrations.csv', 'customers', 'decidedOn'],
      ['audit-partners.csv', 'partners', 'occurredAt'],
      ['audit-programs.csv', 'programs', 'occurredAt'],
      ['audit-licences.csv', 'licences', 'occurredAt'],
      ['audit-customers.csv', 'customers', 'occurredAt'],
    ]);
    // Every store holds an audit trail: its files name their subgraph.
    expect(() => subgraphStoring(AuditEvent)).toThrow('AuditEvent is stored by 4 subgraphs');
  });
});
