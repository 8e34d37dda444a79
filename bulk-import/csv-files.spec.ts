import { csvFile, readCsv, type ColumnSpec, type ColumnType } from './csv-files';

const column = (name: string, type: ColumnType, description: string, required = true): ColumnSpec => ({
  name,
  type,
  required,
  description,
});

const COLUMNS = [
  column('id', { kind: 'id' }, 'the id'),
  column('note', { kind: 'text' }, 'free text', false),
  column('cores', { kind: 'count' }, 'cores'),
  column('on', { kind: 'date' }, 'a day'),
  column('flag', { kind: 'boolean' }, 'yes or no'),
];

describe('reading a CSV file of the import', () => {
  it('converts cells to their types, empty optional cells to null, in any column order', () => {
    const { rows, problems } = readCsv(
      'x.csv',
      '\uFEFFcores,id,on,flag,note\n12,a-1,2025-02-28,yes,\n 3 ,b-2,2024-02-29,FALSE,"quoted, with comma"\n',
      COLUMNS,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { file: 'x.csv', line: 2, id: 'a-1', cells: { id: 'a-1', note: null, cores: 12, on: '2025-02-28', flag: true } },
      { file: 'x.csv', line: 3, id: 'b-2', cells: { id: 'b-2', note: 'quoted, with comma', cores: 3, on: '2024-02-29', flag: false } },
    ]);
  });

  it('counts lines as a text editor does, across quoted line breaks and blank lines', () => {
    const { rows } = readCsv('x.csv', 'id,note,cores,on,flag\na,"two\nlines",1,2025-01-01,true\n\nb,,2,2025-01-01,true\n', COLUMNS);
    expect(rows.map((row) => [row.id, row.line])).toEqual([
      ['a', 2],
      ['b', 5],
    ]);
  });

  it('names the line and column of every bad cell, and gives no rows from a file with problems', () => {
    const content = [
      'id,note,cores,on,flag',
      'a,,0,2025-01-01,true',
      'b,,2,2025-02-30,true',
      'c,,2,2025-01-01,sometimes',
      ',,2,2025-01-01,true',
      'a,,1,2025-01-01,true',
      'd,,1',
    ].join('\n');
    const { rows, problems } = readCsv('x.csv', content, COLUMNS);
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { file: 'x.csv', line: 2, column: 'cores', reason: '"0" is not a whole number of at least 1.' },
      { file: 'x.csv', line: 3, column: 'on', reason: '"2025-02-30" is not a day of the calendar: February 2025 has 28 days.' },
      { file: 'x.csv', line: 4, column: 'flag', reason: '"sometimes" is not true or false.' },
      { file: 'x.csv', line: 5, column: 'id', reason: 'id is required (the id).' },
      { file: 'x.csv', line: 6, column: 'id', reason: 'id "a" is already used on line 2 of this file.' },
      { file: 'x.csv', line: 7, column: null, reason: 'has 3 values; the header names 5 columns.' },
    ]);
  });

  it('checks the header: unknown, repeated and missing columns', () => {
    const { problems } = readCsv('x.csv', 'id,cores,cores,colour\n', COLUMNS);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [1, 'cores'],
      [1, 'colour'],
      [1, 'note'],
      [1, 'on'],
      [1, 'flag'],
    ]);
    expect(problems[1]?.reason).toBe('unknown column "colour"; the columns of x.csv are id, note, cores, on, flag.');
    expect(readCsv('x.csv', '', COLUMNS).problems[0]?.reason).toMatch(/^the file is empty/);
    expect(readCsv('x.csv', 'id,note\n"unclosed,1\n', COLUMNS).problems[0]?.reason).toMatch(/^not valid CSV/);
  });
  it('reads back what the export writes: quotes, commas, line breaks, surrounding spaces and non-ASCII text as they were', () => {
    const awkward = ['quoted, with comma', 'say "yes"', 'two\nlines', 'windows\r\nline', '  padded  ', 'Øresund — ☁', '=not a formula'];
    const rows = awkward.map((note, index) => ({ id: `r-${index}`, note, cores: index + 1, on: '2025-01-01', flag: index % 2 === 0 }));
    const written = csvFile(COLUMNS, [...rows, { id: 'empty', note: null, cores: 9, on: '2024-02-29', flag: false }]);
    expect(written.split('\n')[0]).toBe('id,note,cores,on,flag');
    expect(written).toContain('r-1,"say ""yes""",2,2025-01-01,false\n');
    expect(written).toContain('r-6,=not a formula,7,2025-01-01,true\n');
    expect(written.endsWith('empty,,9,2024-02-29,false\n')).toBe(true);
    const { rows: read, problems } = readCsv('x.csv', written, COLUMNS);
    expect(problems).toEqual([]);
    expect(read.map((row) => row.cells)).toEqual([...rows, { id: 'empty', note: null, cores: 9, on: '2024-02-29', flag: false }]);
  });

  it('lets a file written before a column was added leave it out: its rows take the default', () => {
    const columns = [
      ...COLUMNS,
      { ...column('status', { kind: 'enum', values: ['ACTIVE', 'EXPIRED'] }, 'as stored'), whenAbsent: 'ACTIVE' },
    ];
    const old = readCsv('x.csv', 'id,note,cores,on,flag\na,,1,2025-01-01,true\n', columns);
    expect(old.problems).toEqual([]);
    expect(old.rows[0]?.cells.status).toBe('ACTIVE');
    const given = readCsv('x.csv', 'id,note,cores,on,flag,status\na,,1,2025-01-01,true,EXPIRED\n', columns);
    expect(given.rows[0]?.cells.status).toBe('EXPIRED');
    // A column that was always there is still required in the header.
    expect(readCsv('x.csv', 'id,note,cores,on\na,,1,2025-01-01\n', columns).problems.map((problem) => problem.column)).toEqual(['flag']);
  });
});
