import fc from 'fast-check';
import { Kind, type ValueNode } from 'graphql';
import {
  addDays,
  calendarDateProblem,
  DATE_SCALAR_BEHAVIOUR,
  daysInMonth,
  FIRST_YEAR,
  InvalidDateError,
  isCalendarDate,
  LAST_YEAR,
  parseCalendarDate,
  setToday,
  today,
} from './dates';

/** Real days of the accepted range, written as ISO dates by the platform (an independent writer of dates). */
const realDay = fc
  .date({ min: new Date(Date.UTC(FIRST_YEAR, 0, 1)), max: new Date(Date.UTC(LAST_YEAR, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const two = (n: number) => String(n).padStart(2, '0');

describe('calendar dates (common/dates.ts)', () => {
  afterEach(() => setToday(null));

  it('accepts every real day from 1900 to 2999, and gives it back unchanged', () => {
    fc.assert(
      fc.property(realDay, (day) => {
        expect(calendarDateProblem(day)).toBeNull();
        expect(isCalendarDate(day)).toBe(true);
        expect(parseCalendarDate(day)).toBe(day);
      }),
    );
    for (const edge of ['1900-01-01', '2999-12-31', '2024-02-29', '2000-02-29', '2023-12-31']) expect(parseCalendarDate(edge)).toBe(edge);
  });

  it('refuses a day past the end of its month, saying how long the month is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (year, month, past) => {
          const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
          const day = `${year}-${two(month)}-${two(last + past)}`;
          if (last + past > 99) return;
          expect(calendarDateProblem(day)).toMatch(new RegExp(`is not a day of the calendar: \\w+ ${year} has ${last} days$`));
          expect(() => parseCalendarDate(day)).toThrow(InvalidDateError);
        },
      ),
    );
    expect(calendarDateProblem('2024-02-30')).toBe('"2024-02-30" is not a day of the calendar: February 2024 has 29 days');
    expect(calendarDateProblem('1900-02-29')).toBe('"1900-02-29" is not a day of the calendar: February 1900 has 28 days');
    expect(calendarDateProblem('2024-04-00')).toBe('"2024-04-00" is not a day of the calendar: April 2024 has 30 days');
  });

  it('refuses months outside 01-12 and years outside 1900-2999', () => {
    expect(calendarDateProblem('2024-13-01')).toBe('"2024-13-01": the month must be from 01 to 12');
    expect(calendarDateProblem('2024-00-10')).toBe('"2024-00-10": the month must be from 01 to 12');
    expect(calendarDateProblem('1899-12-31')).toBe('"1899-12-31": the year must be from 1900 to 2999');
    expect(calendarDateProblem('3000-01-01')).toBe('"3000-01-01": the year must be from 1900 to 2999');
    expect(calendarDateProblem('0024-01-01')).toContain('the year must be from 1900 to 2999');
  });

  it('refuses anything not written YYYY-MM-DD, and values that are not strings', () => {
    for (const text of ['99999-01-01', '2024-1-01', '2024-01-1', '2024/01/01', ' 2024-01-01', '2024-01-01T00:00:00Z', '', 'today']) {
      expect(calendarDateProblem(text)).toBe(
        `"${text}" is not written YYYY-MM-DD (four-digit year, two-digit month and day), e.g. "2024-04-30"`,
      );
    }
    expect(calendarDateProblem(20240101)).toBe('a date is a string YYYY-MM-DD, e.g. "2024-04-30" (got number 20240101)');
    expect(calendarDateProblem(null)).toBe('a date is a string YYYY-MM-DD, e.g. "2024-04-30" (got null null)');
    expect(calendarDateProblem(undefined)).toBe('a date is a string YYYY-MM-DD, e.g. "2024-04-30" (got undefined)');
    expect(isCalendarDate(true)).toBe(false);
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });

  it('adds days across months and years, and back', () => {
    fc.assert(
      fc.property(realDay, fc.integer({ min: -2000, max: 2000 }), (day, n) => {
        const moved = addDays(day, n);
        expect(addDays(moved, -n)).toBe(day);
        expect(Math.round((Date.parse(moved) - Date.parse(day)) / 86_400_000)).toBe(n);
      }),
    );
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('today is the real UTC day unless fixed; fixing it checks the date; null gives the real day back', () => {
    expect(today()).toBe(new Date().toISOString().slice(0, 10));
    setToday('2027-01-12');
    expect(today()).toBe('2027-01-12');
    expect(() => setToday('2027-02-30')).toThrow(InvalidDateError);
    expect(today()).toBe('2027-01-12');
    setToday(null);
    expect(today()).toBe(new Date().toISOString().slice(0, 10));
  });

  describe('the Date scalar', () => {
    const literal = (node: Partial<ValueNode> & { kind: Kind }) => DATE_SCALAR_BEHAVIOUR.parseLiteral(node as ValueNode);

    it('parses and serializes calendar days as they are', () => {
      fc.assert(
        fc.property(realDay, (day) => {
          expect(DATE_SCALAR_BEHAVIOUR.parseValue(day)).toBe(day);
          expect(DATE_SCALAR_BEHAVIOUR.serialize(day)).toBe(day);
          expect(literal({ kind: Kind.STRING, value: day })).toBe(day);
        }),
      );
      expect(DATE_SCALAR_BEHAVIOUR.serialize(new Date('2024-04-30T00:00:00Z'))).toBe('2024-04-30');
    });

    it('refuses other values with the reason, as plain errors graphql-js places and names', () => {
      expect(() => DATE_SCALAR_BEHAVIOUR.parseValue('2024-02-30')).toThrow(
        new InvalidDateError('"2024-02-30" is not a day of the calendar: February 2024 has 29 days.'),
      );
      expect(() => DATE_SCALAR_BEHAVIOUR.serialize('2024-02-30')).toThrow(InvalidDateError);
      expect(() => literal({ kind: Kind.INT, value: '20240101' })).toThrow('(got number 20240101).');
      expect(() => literal({ kind: Kind.FLOAT, value: '2024.5' })).toThrow('(got number 2024.5).');
      expect(() => literal({ kind: Kind.BOOLEAN, value: true })).toThrow('(got boolean true).');
      expect(() => literal({ kind: Kind.NULL })).toThrow('(got null null).');
      expect(() => literal({ kind: Kind.STRING, value: '99999-01-01' })).toThrow('is not written YYYY-MM-DD');
    });
  });
});
