import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphName } from '../common/config';
import type { Identity } from '../common/identity';
import { Program } from '../subgraphs/programs/program/program.entity';
import { PROGRAM_CATALOGUE } from '../subgraphs/programs/program/program.catalogue';
import { asOfDay, today } from '../common/dates';
import { readCsv, type CellValue, type CsvRow, type ImportProblem } from './csv-files';
import { ImportSession } from './import-session';
import { expectedOf, isAuditTrail, RECORD_KINDS, type RecordKind, type Step } from './row-replays';

export interface ImportOptions {
  /** Who the audit trail names; the import acts with the channel team's (VENDOR) rights. */
  actor: string;
  /** Keep the good rows when some are bad (default: any bad row and nothing is written). */
  keepGoodRows?: boolean;
  onProgress?: (progress: { done: number; total: number; file: string }) => void;
}

interface FileOutcome {
  file: string;
  rows: number;
  created: number;
  unchanged: number;
  refused: number;
}

export interface ImportReport {
  committed: boolean;
  files: FileOutcome[];
  problems: ImportProblem[];
  /** Rows left out when keeping the good rows. */
  leftOut: number;
  addedProgramCatalogue: boolean;
}

interface ParsedFile {
  kind: RecordKind;
  rows: CsvRow[];
}

/**
 * Imports a directory of CSV files (see CSV_FORMATS, csv-formats.ts, for the files and their columns) through
 * the subgraphs' own services and rules, all in one transaction per database: with any bad row
 * nothing is written, unless the good rows are to be kept. Records that exist unchanged are left
 * alone, so importing the same files again changes nothing.
 */
export async function importDirectory(
  directory: string,
  dataSources: Record<SubgraphName, DataSource>,
  options: ImportOptions,
): Promise<ImportReport> {
  const { files, problems } = readDirectory(directory);
  const outcomes = files.map(({ kind, rows }) => ({ file: kind.file, rows: rows.length, created: 0, unchanged: 0, refused: 0 }));
  if (problems.length > 0)
    return { committed: false, files: outcomes, problems: sortedByFileAndLine(problems), leftOut: 0, addedProgramCatalogue: false };

  const identity: Identity = { subject: options.actor, role: 'VENDOR', partnerId: null };
  const leftOut = new Map<CsvRow, ImportProblem>();
  // A subgraph whose audit trail the files carry (an export) keeps that trail and no events of the import's own.
  const restoringAudit = new Set(files.filter(({ kind }) => isAuditTrail(kind)).map(({ kind }) => kind.subgraph));
  // Keeping the good rows: run again without the rows that failed (and so, in the next run,
  // without what needed them) until a run has no problem; each run starts from the stores as they were.
  for (;;) {
    const session = await ImportSession.open(dataSources, identity, restoringAudit);
    try {
      const run = await importRows(session, files, leftOut, options);
      if (run.problems.length > 0 && options.keepGoodRows) {
        for (const { row, ...problem } of run.problems) leftOut.set(row, problem);
        await session.rollback();
        continue;
      }
      const committed = run.problems.length === 0;
      if (committed) await session.commit();
      else await session.rollback();
      const problems = [...leftOut.values(), ...run.problems.map(({ row: _row, ...problem }) => problem)];
      return {
        committed,
        files: run.outcomes,
        problems: sortedByFileAndLine(problems),
        leftOut: leftOut.size,
        addedProgramCatalogue: committed && run.addedProgramCatalogue,
      };
    } catch (error) {
      await session.rollback();
      throw error;
    }
  }
}

function sortedByFileAndLine(problems: ImportProblem[]): ImportProblem[] {
  const order = (file: string) => {
    const index = RECORD_KINDS.findIndex((kind) => kind.file === file);
    return index === -1 ? RECORD_KINDS.length : index;
  };
  return [...problems].sort((a, b) => order(a.file) - order(b.file) || a.line - b.line);
}

/** The CSV files of the directory that the import knows; any other CSV file is a problem (a misspelt name would otherwise be skipped). */
function readDirectory(directory: string): { files: ParsedFile[]; problems: ImportProblem[] } {
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    return {
      files: [],
      problems: [{ file: directory, line: 0, column: null, reason: 'is not a directory: give the directory that holds the CSV files.' }],
    };
  }
  const present = fs.readdirSync(directory).filter((name) => name.toLowerCase().endsWith('.csv'));
  const problems: ImportProblem[] = present
    .filter((name) => !RECORD_KINDS.some((kind) => kind.file === name))
    .map((name) => ({
      file: name,
      line: 0,
      column: null,
      reason: `is not a file the import reads; the files are ${RECORD_KINDS.map((kind) => kind.file).join(', ')}.`,
    }));
  const files: ParsedFile[] = [];
  for (const kind of RECORD_KINDS.filter((candidate) => present.includes(candidate.file))) {
    const { rows, problems: fileProblems } = readCsv(kind.file, fs.readFileSync(path.join(directory, kind.file), 'utf8'), kind.columns);
    for (const row of rows) {
      const broken = kind.check?.(row.cells as never);
      if (broken) fileProblems.push({ file: kind.file, line: row.line, column: broken.column, reason: broken.reason });
    }
    problems.push(...fileProblems);
    files.push({ kind, rows });
  }
  if (files.length === 0 && problems.length === 0) {
    problems.push({
      file: directory,
      line: 0,
      column: null,
      reason: `holds none of the files the import reads (${RECORD_KINDS.map((kind) => kind.file).join(', ')}).`,
    });
  }
  return { files, problems };
}

type RowProblem = ImportProblem & { row: CsvRow };

async function importRows(
  session: ImportSession,
  files: ParsedFile[],
  leftOut: ReadonlyMap<CsvRow, ImportProblem>,
  options: ImportOptions,
) {
  const problems: RowProblem[] = [];
  const outcomes: FileOutcome[] = [];
  const addedProgramCatalogue = await ensureProgramCatalogue(session);
  const created: Array<{ kind: RecordKind; row: CsvRow; outcome: FileOutcome }> = [];
  const total = files.reduce((sum, file) => sum + file.rows.length, 0);
  let done = 0;
  const refuse = (kind: RecordKind, row: CsvRow, outcome: FileOutcome, column: string | null, reason: string) => {
    problems.push({ file: kind.file, line: row.line, column, reason, row });
    outcome.refused += 1;
  };

  type Pending = { kind: RecordKind; row: CsvRow; outcome: FileOutcome };
  let pending: Pending[] = [];
  for (const { kind, rows } of files) {
    const outcome: FileOutcome = { file: kind.file, rows: rows.length, created: 0, unchanged: 0, refused: 0 };
    outcomes.push(outcome);
    for (const row of rows) {
      options.onProgress?.({ done: done++, total, file: kind.file });
      if (leftOut.has(row)) {
        outcome.refused += 1;
        continue;
      }
      const existing = await session.store(kind.subgraph).manager.findOneBy(kind.entity, { id: row.id });
      if (!existing) {
        pending.push({ kind, row, outcome });
        continue;
      }
      const difference = firstDifference(kind, await expectedOf(kind, row.cells as never, session), existing);
      if (difference)
        refuse(
          kind,
          row,
          outcome,
          difference.column,
          `"${row.id}" already exists with ${difference.column} ${show(difference.stored)}, not ${show(difference.expected)}: the import adds records and never changes stored ones; change them with the API's mutations.`,
        );
      else outcome.unchanged += 1;
    }
  }
  options.onProgress?.({ done, total, file: '' });

  // Rounds: open the rows in file order, then end what ended, dependants first (contracts, then
  // allocations, agreements and memberships). Rows a rule refused are tried again in the next
  // round, since what ended in this one may have made room: the pair's earlier agreement is
  // terminated, the cores an ended contract used are free. Until a round opens nothing.
  // A row refused in every round is reported with its first refusal: at its place in the files.
  const firstRefusal = new Map<CsvRow, { column: string | null; reason: string }>();
  for (;;) {
    const opened: Pending[] = [];
    const refused: Array<Pending & { failure: { column: string | null; reason: string } }> = [];
    for (const item of pending) {
      const cells = item.row.cells as Parameters<RecordKind['open']>[0];
      const day = item.kind.openedOn?.(cells);
      const open = () => runSteps(session, item.kind, item.kind.open(cells));
      const failure = day && day < today() ? await asOfDay(day, open) : await open();
      if (failure) {
        if (!firstRefusal.has(item.row)) firstRefusal.set(item.row, failure);
        refused.push({ ...item, failure: firstRefusal.get(item.row)! });
      } else opened.push(item);
    }
    for (const { kind, row, outcome } of [...opened].reverse()) {
      const steps = kind.close?.(row.cells as never) ?? [];
      const failure = steps.length > 0 ? await runSteps(session, kind, steps) : null;
      if (failure) refuse(kind, row, outcome, failure.column, failure.reason);
    }
    created.push(...opened);
    if (opened.length === 0 || refused.length === 0) {
      for (const { kind, row, outcome, failure } of refused) refuse(kind, row, outcome, failure.column, failure.reason);
      break;
    }
    pending = refused;
  }
  // What the rows left must be what they say; e.g. terminating an agreement releases its allocations.
  for (const { kind, row, outcome } of created) {
    if (problems.some((problem) => problem.row === row)) continue;
    const stored = await session.store(kind.subgraph).manager.findOneBy(kind.entity, { id: row.id });
    const difference = stored
      ? firstDifference(kind, await expectedOf(kind, row.cells as never, session), stored)
      : { column: 'id', stored: null, expected: row.id };
    if (difference) {
      refuse(
        kind,
        row,
        outcome,
        difference.column,
        `after the import its ${difference.column} is ${show(difference.stored)}, not ${show(difference.expected)} as the file says (another row's change reached it: e.g. terminating an agreement releases its allocations, so give them status RELEASED).`,
      );
    } else outcome.created += 1;
  }
  return { problems, outcomes, addedProgramCatalogue };
}

/** Runs a row's mutations in one savepoint; the first refusal (or error a rule raised) undoes them all. */
async function runSteps(
  session: ImportSession,
  kind: RecordKind,
  steps: Step[],
): Promise<{ column: string | null; reason: string } | null> {
  return session.inSavepoint(
    kind.subgraph,
    async () => {
      const contexts = session.contexts();
      for (const step of steps) {
        let errors;
        try {
          errors = await step.errors(contexts, session);
        } catch (error) {
          // Rules refuse with payload errors; a GraphQL error (e.g. a peer that could not answer) is also this row's.
          if (!(error instanceof GraphQLError)) throw error;
          return { column: null, reason: error.message };
        }
        const [error] = errors;
        if (error) {
          const field = error.field.at(-1);
          return {
            column: field ? (step.columns?.[field] ?? (kind.columns.some((c) => c.name === field) ? field : null)) : null,
            reason: `${error.code}: ${error.message}`,
          };
        }
      }
      return null;
    },
    (failure) => failure === null,
  );
}

/** An empty programs database gets the program catalogue (reference data, with no mutation of its own). */
async function ensureProgramCatalogue(session: ImportSession): Promise<boolean> {
  const manager = session.store('programs').manager;
  if ((await manager.count(Program)) > 0) return false;
  await manager.insert(
    Program,
    PROGRAM_CATALOGUE.map((program) => ({ ...program })),
  );
  return true;
}

export function normalised(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}

function firstDifference(
  kind: RecordKind,
  expected: Record<string, CellValue | undefined>,
  stored: object,
): { column: string; stored: CellValue; expected: CellValue } | null {
  for (const [column, given] of Object.entries(expected)) {
    const wanted = given ?? null;
    let actual = normalised((stored as Record<string, unknown>)[kind.storedAs?.[column] ?? column]);
    if (typeof wanted === 'boolean' && typeof actual === 'number') actual = actual !== 0;
    if (typeof wanted === 'number' && typeof actual === 'string') actual = Number(actual);
    if (actual !== wanted) return { column, stored: actual, expected: wanted };
  }
  return null;
}

function show(value: CellValue): string {
  return value === null ? 'empty' : JSON.stringify(value);
}
