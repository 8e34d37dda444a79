import { GraphQLError } from 'graphql';
import { timelinePeriods } from './timeline.periods';
import { MAX_TIMELINE_PERIODS, TimelineInterval } from './timeline.type';

const DAY_MS = 24 * 60 * 60 * 1000;
const dayAt = (base: string, offset: number) => new Date(Date.parse(`${base}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

/** The reference: walk the days one by one, starting a period whenever the month (or the Monday-based week) changes. */
function periodsByWalking(from: string, to: string, interval: TimelineInterval) {
  const periodOf = (day: string) => {
    if (interval === TimelineInterval.MONTH) return day.slice(0, 7);
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    return dayAt(day, -weekday);
  };
  const periods: Array<{ startsOn: string; endsOn: string }> = [];
  let key = '';
  for (let day = from; day <= to; day = dayAt(day, 1)) {
    if (periodOf(day) !== key) periods.push({ startsOn: day, endsOn: day });
    else periods.at(-1)!.endsOn = day;
    key = periodOf(day);
  }
  return periods;
}

/** A deterministic stream of pseudo-random integers (mulberry32), so every run checks the same ranges. */
function randomInts(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % below;
  };
}

describe('timelinePeriods', () => {
  it('cuts any range into the months or weeks a day-by-day walk finds (leap years, month ends, ranges of one day)', () => {
    const random = randomInts(17);
    const ranges: Array<[string, string]> = [
      ['2024-02-29', '2024-02-29'],
      ['2024-01-31', '2024-03-01'],
      ['2023-12-25', '2024-01-07'],
      ['2024-04-29', '2024-05-05'],
    ];
    for (let i = 0; i < 400; i++) {
      const from = dayAt('2019-01-01', random(3000));
      ranges.push([from, dayAt(from, random(i % 2 === 0 ? 40 : 900))]);
    }
    for (const [from, to] of ranges) {
      for (const interval of [TimelineInterval.MONTH, TimelineInterval.WEEK]) {
        const expected = periodsByWalking(from, to, interval);
        if (expected.length > MAX_TIMELINE_PERIODS) continue;
        expect({ from, to, interval, periods: timelinePeriods(from, to, interval) }).toEqual({ from, to, interval, periods: expected });
      }
    }
  });

  it('weeks run Monday to Sunday and months to their last day', () => {
    expect(timelinePeriods('2024-04-24', '2024-05-13', TimelineInterval.WEEK)).toEqual([
      { startsOn: '2024-04-24', endsOn: '2024-04-28' },
      { startsOn: '2024-04-29', endsOn: '2024-05-05' },
      { startsOn: '2024-05-06', endsOn: '2024-05-12' },
      { startsOn: '2024-05-13', endsOn: '2024-05-13' },
    ]);
    expect(timelinePeriods('2023-12-31', '2024-03-02', TimelineInterval.MONTH)).toEqual([
      { startsOn: '2023-12-31', endsOn: '2023-12-31' },
      { startsOn: '2024-01-01', endsOn: '2024-01-31' },
      { startsOn: '2024-02-01', endsOn: '2024-02-29' },
      { startsOn: '2024-03-01', endsOn: '2024-03-02' },
    ]);
  });

  it(`allows ${MAX_TIMELINE_PERIODS} periods and refuses one more, and a "from" after "to", as BAD_USER_INPUT`, () => {
    const refusal = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
        return error as GraphQLError;
      }
      throw new Error('expected a refusal');
    };
    // 2024-01-01 is a Monday: N whole weeks end on the Sunday N*7-1 days later.
    expect(timelinePeriods('2024-01-01', dayAt('2024-01-01', MAX_TIMELINE_PERIODS * 7 - 1), TimelineInterval.WEEK)).toHaveLength(
      MAX_TIMELINE_PERIODS,
    );
    const tooMany = refusal(() => timelinePeriods('2024-01-01', dayAt('2024-01-01', MAX_TIMELINE_PERIODS * 7), TimelineInterval.WEEK));
    expect(tooMany.message).toContain(`more than ${MAX_TIMELINE_PERIODS} periods`);
    expect(tooMany.extensions.argumentName).toBe('to');
    expect(timelinePeriods('2000-01-01', '2021-08-31', TimelineInterval.MONTH)).toHaveLength(MAX_TIMELINE_PERIODS);
    refusal(() => timelinePeriods('2000-01-01', '2021-09-01', TimelineInterval.MONTH));
    const backwards = refusal(() => timelinePeriods('2024-05-02', '2024-05-01', TimelineInterval.MONTH));
    expect(backwards.extensions.argumentName).toBe('from');
  });
});
