import { badUserInput } from '../../kit/errors';
import { MAX_TIMELINE_PERIODS, TimelineInterval, type TimelinePeriod } from './timeline.type';

const DAY_MS = 24 * 60 * 60 * 1000;

function dateOf(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last day of the month or ISO week (Monday to Sunday) that `day` falls in. */
function lastDayOfPeriod(day: Date, interval: TimelineInterval): Date {
  if (interval === TimelineInterval.MONTH) return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0));
  const daysToSunday = (7 - day.getUTCDay()) % 7;
  return new Date(day.getTime() + daysToSunday * DAY_MS);
}

/**
 * The periods of a timeline from `from` to `to` (both included): calendar months or ISO weeks,
 * the first starting on `from` and the last ending on `to`. Refuses `from` after `to` and more
 * than MAX_TIMELINE_PERIODS periods, saying how to ask instead.
 */
export function timelinePeriods(from: string, to: string, interval: TimelineInterval): Array<Pick<TimelinePeriod, 'startsOn' | 'endsOn'>> {
  if (from > to) {
    throw badUserInput(`"from" (${from}) is after "to" (${to}): give a "from" on or before "to".`, 'from');
  }
  const last = dateOf(to);
  const periods: Array<Pick<TimelinePeriod, 'startsOn' | 'endsOn'>> = [];
  for (let start = dateOf(from); start <= last;) {
    if (periods.length === MAX_TIMELINE_PERIODS) {
      throw badUserInput(
        `From ${from} to ${to} is more than ${MAX_TIMELINE_PERIODS} periods of one ${interval.toLowerCase()}: ask for a shorter range${
          interval === TimelineInterval.WEEK ? ' or "interval: MONTH"' : ''
        }.`,
        'to',
      );
    }
    const periodEnd = lastDayOfPeriod(start, interval);
    const end = periodEnd < last ? periodEnd : last;
    periods.push({ startsOn: dayOf(start), endsOn: dayOf(end) });
    start = new Date(end.getTime() + DAY_MS);
  }
  return periods;
}
