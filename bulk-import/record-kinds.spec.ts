import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common/paths';
import { AUDIT_TRAIL_KINDS, RECORD_KINDS } from './record-kinds';

describe('the import formats', () => {
  const readme = fs.readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');

  it.each(RECORD_KINDS.map((kind) => [kind.file, kind] as const))(
    '%s is documented in the README, column by column, with an example file',
    (file, kind) => {
      const section = readme.slice(readme.indexOf(`**${file}**`));
      const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| column |')));
      expect(
        table
          .split('\n')
          .filter((line) => line.startsWith('| `'))
          .map((line) => line.split('`')[1]),
      ).toEqual(kind.columns.map((column) => column.name));
      // The audit trails come from exports: the example, a new channel, has no history.
      const example = path.join(projectRoot(), 'examples', 'csv-import', file);
      expect(fs.existsSync(example)).toBe(!AUDIT_TRAIL_KINDS.includes(kind));
      if (!fs.existsSync(example)) return;
      const header = fs.readFileSync(example, 'utf8').split('\n')[0];
      expect(header?.split(',')).toEqual(kind.columns.map((column) => column.name));
    },
  );
});
