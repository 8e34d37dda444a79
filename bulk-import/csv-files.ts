import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import { calendarDateProblem } from '../common/dates';

/** Where an import went wrong: file, line (1 is the header), column when one is at fault, and why. */
export interface ImportProblem {
  file: string;
  line: number;
  column: string | null;
  reason: string;
}

export type CellValue = string | number | boolean | null;

export type ColumnType =
  | { kind: 'id' }
  | { kind: 'text' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'count' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  description: string;
  /**
   * A column added to the format later: a file written before may leave it out of its header, and
   * its rows then take this value.
   */
  whenAbsent?: CellValue;
}

/** One data row of a CSV file, its cells converted to their column types (empty optional cells are null). */
export interface CsvRow {
  file: string;
  line: number;
  id: string;
  cells: Record<string, CellValue>;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,35}$/;
const TRUE = ['true', 'yes', '1'];
const FALSE = ['false', 'no', '0'];

/** Converts one cell, or says why it cannot be. */
function convert(raw: string, spec: ColumnSpec): { value: CellValue } | { problem: string } {
  if (raw === '') return spec.required ? { problem: `${spec.name} is required (${spec.description}).` } : { value: null };
  switch (spec.type.kind) {
    case 'id':
      return ID.test(raw)
        ? { value: raw }
        : { problem: `"${raw}" is not an id: 1 to 36 letters, digits, ".", "_", ":" or "-", starting with a letter or digit.` };
    case 'text':
      return { value: raw };
    case 'date': {
      const problem = calendarDateProblem(raw);
      return problem === null ? { value: raw } : { problem: `${problem}.` };
    }
    case 'timestamp': {
      const problem = TIMESTAMP.test(raw) ? calendarDateProblem(raw.slice(0, 10)) : 'not an ISO-8601 UTC time';
      return problem === null ? { value: raw } : { problem: `"${raw}": ${problem} (YYYY-MM-DDTHH:MM:SS.sssZ).` };
    }
    case 'count':
      return /^\d+$/.test(raw) && Number(raw) >= 1 && Number.isSafeInteger(Number(raw))
        ? { value: Number(raw) }
        : { problem: `"${raw}" is not a whole number of at least 1.` };
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (TRUE.includes(lower)) return { value: true };
      if (FALSE.includes(lower)) return { value: false };
      return { problem: `"${raw}" is not true or false.` };
    }
    case 'enum':
      return spec.type.values.includes(raw) ? { value: raw } : { problem: `"${raw}" is not one of ${spec.type.values.join(', ')}.` };
  }
}

/**
 * Reads one CSV file: a header naming every column of the format (in any order, none unknown),
 * then one row per record. Problems name the file, line and column; a file with any problem
 * gives no rows.
 */
export function readCsv(file: string, content: string, columns: readonly ColumnSpec[]): { rows: CsvRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (line: number, columnName: string | null, reason: string) => problems.push({ file, line, column: columnName, reason });
  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    records = parse(content, {
      bom: true,
      trim: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 1) : 1;
    problem(line, null, `not valid CSV: ${(error as Error).message}`);
    return { rows: [], problems };
  }
  const [first, ...rest] = records;
  if (!first) {
    problem(1, null, `the file is empty: its first line must name the columns ${columns.map((c) => c.name).join(',')}.`);
    return { rows: [], problems };
  }

  const header = first.record;
  const known = new Map(columns.map((spec) => [spec.name, spec]));
  header.forEach((name, index) => {
    if (!known.has(name))
      problem(1, name, `unknown column "${name}"; the columns of ${file} are ${columns.map((c) => c.name).join(', ')}.`);
    else if (header.indexOf(name) !== index) problem(1, name, `column "${name}" appears twice.`);
  });
  for (const spec of columns)
    if (!header.includes(spec.name) && spec.whenAbsent === undefined)
      problem(1, spec.name, `column "${spec.name}" is missing (${spec.description}).`);
  const absent = columns.filter((spec) => !header.includes(spec.name));
  if (problems.length > 0) return { rows: [], problems };

  const rows: CsvRow[] = [];
  const firstLineOfId = new Map<string, number>();
  let previousEnd = first.info.lines;
  let previousEmpty = first.info.empty_lines;
  for (const { record, info } of rest) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (record.length !== header.length) {
      problem(line, null, `has ${record.length} values; the header names ${header.length} columns.`);
      continue;
    }
    const cells: Record<string, CellValue> = Object.fromEntries(absent.map((spec) => [spec.name, spec.whenAbsent ?? null]));
    let valid = true;
    header.forEach((name, index) => {
      const converted = convert(record[index] ?? '', known.get(name)!);
      if ('problem' in converted) {
        problem(line, name, converted.problem);
        valid = false;
      } else cells[name] = converted.value;
    });
    const id = cells.id as string | undefined;
    if (id !== undefined) {
      const earlier = firstLineOfId.get(id);
      if (earlier !== undefined) {
        problem(line, 'id', `id "${id}" is already used on line ${earlier} of this file.`);
        continue;
      }
      firstLineOfId.set(id, line);
    }
    if (valid) rows.push({ file, line, id: id!, cells });
  }
  return { rows: problems.length > 0 ? [] : rows, problems };
}

/**
 * One CSV cell as the export writes it: empty for null; quoted (quotes doubled) when it holds a
 * comma, a quote, a line break or surrounding spaces, or is an empty text, so the import reads
 * back exactly what was stored.
 */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return text === '' || /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV file: the header, then one line per row, every line ending with LF. */
export function csvFile(columns: readonly ColumnSpec[], rows: ReadonlyArray<Record<string, CellValue>>): string {
  const line = (cells: string[]) => `${cells.join(',')}\n`;
  return line(columns.map((spec) => spec.name)) + rows.map((row) => line(columns.map((spec) => csvCell(row[spec.name] ?? null)))).join('');
}
