import { Kind, type GraphQLScalarTypeConfig } from 'graphql';

/**
 * Calendar dates: the one parser every date in the API goes through (arguments, inputs, CSV cells,
 * configuration), and the server's notion of today.
 *
 * A date is a day of the Gregorian calendar written `YYYY-MM-DD`, with a year from 1900 to 2999:
 * the channel's records start in the 2000s, and a year outside that range is a typing mistake
 * (`20244-01-01`, `0024-01-01`), never a day someone means.
 */

export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `value` is not a calendar date, or null when it is one. Each reason says how to write it right. */
export function calendarDateProblem(value: unknown): string | null {
  if (typeof value !== 'string') {
    const shown = [value === null ? 'null' : typeof value, JSON.stringify(value)].filter(Boolean).join(' ');
    return `a date is a string YYYY-MM-DD, e.g. "2024-04-30" (got ${shown})`;
  }
  const shape = SHAPE.exec(value);
  if (!shape) return `"${value}" is not written YYYY-MM-DD (four-digit year, two-digit month and day), e.g. "2024-04-30"`;
  const [year, month, day] = [Number(shape[1]), Number(shape[2]), Number(shape[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR) return `"${value}": the year must be from ${FIRST_YEAR} to ${LAST_YEAR}`;
  if (month < 1 || month > 12) return `"${value}": the month must be from 01 to 12`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `"${value}" is not a day of the calendar: ${MONTHS[month - 1]} ${year} has ${last} days`;
  return null;
}

export function isCalendarDate(value: unknown): value is string {
  return calendarDateProblem(value) === null;
}

export class InvalidDateError extends Error {}

/** `value` as a calendar date, or an InvalidDateError saying what is wrong and how to write it. */
export function parseCalendarDate(value: unknown): string {
  const problem = calendarDateProblem(value);
  if (problem !== null) throw new InvalidDateError(problem);
  return value as string;
}

/** The day `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

let fixedToday: string | null = null;

/**
 * Today (UTC), `YYYY-MM-DD`: what a missing `asOf` means and what every standing "now" is read on.
 * `CHANNEL_TODAY` (configuration) or `setToday` fixes it, so a test can move the server a year on.
 */
export function today(): string {
  return fixedToday ?? new Date().toISOString().slice(0, 10);
}

/** Fixes the server's today (null: the real day again). */
export function setToday(day: string | null): void {
  fixedToday = day === null ? null : parseCalendarDate(day);
}

/**
 * Runs `work` with today fixed to `day`, then puts back what was there (a configured day or the
 * real one). For the bulk import, which checks an ended record's rules on a day it was in force;
 * anything else this process answers meanwhile sees that day too, so only a command that does
 * nothing else (or a test) uses it.
 */
export async function asOfDay<T>(day: string, work: () => Promise<T>): Promise<T> {
  const previous = fixedToday;
  fixedToday = parseCalendarDate(day);
  try {
    return await work();
  } finally {
    fixedToday = previous;
  }
}

/** A plain Error, so graphql-js names the variable or places the literal (common/errors.ts then names the argument). */
function checked(value: unknown): string {
  const problem = calendarDateProblem(value);
  if (problem !== null) throw new InvalidDateError(`${problem}.`);
  return value as string;
}

/**
 * The `Date` scalar's behaviour, shared by the subgraphs and the gateway (which checks every date
 * argument and input against it before planning): a real calendar day, `YYYY-MM-DD`, years 1900–2999.
 */
export const DATE_SCALAR_BEHAVIOUR = {
  serialize: (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : checked(value)),
  parseValue: checked,
  parseLiteral: (ast) =>
    checked(
      ast.kind === Kind.STRING
        ? ast.value
        : ast.kind === Kind.INT || ast.kind === Kind.FLOAT
          ? Number(ast.value)
          : ast.kind === Kind.BOOLEAN
            ? ast.value
            : null,
    ),
} satisfies Pick<GraphQLScalarTypeConfig<string, string>, 'serialize' | 'parseValue' | 'parseLiteral'>;
