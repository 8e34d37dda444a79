import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common/paths';
import { RECORD_KINDS } from './record-kinds';

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
      const header = fs.readFileSync(path.join(projectRoot(), 'examples', 'csv-import', file), 'utf8').split('\n')[0];
      expect(header?.split(',')).toEqual(kind.columns.map((column) => column.name));
    },
  );
});
