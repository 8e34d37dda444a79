import { today } from '../../common/dates';

/**
 * The time rule, once for every dated record (membership, licence, agreement, allocation,
 * contract): in force on day D when startsOn ≤ D ≤ endsOn. `endsOn` is the last day, included;
 * null means open-ended. A missing day means today (common/dates.ts).
 */
export function inForceOn(startsOn: string, endsOn: string | null, day: string = today()): boolean {
  return startsOn <= day && (endsOn === null || day <= endsOn);
}

/**
 * The same rule in SQL: `startsOn`, `endsOn` and `day` are SQL expressions (columns, placeholders,
 * or a column of a table of days, as the timeline uses; a placeholder for `day` appears twice).
 */
export function inForceAt(startsOn: string, endsOn: string, day: string): string {
  return `(${startsOn} <= ${day} AND (${endsOn} IS NULL OR ${endsOn} >= ${day}))`;
}

/** The rule with the day as a named parameter (TypeORM query builders). */
export function inForceWhere(startColumn: string, endColumn: string, parameter: string): string {
  return inForceAt(startColumn, endColumn, `:${parameter}`);
}

/** The rule in raw SQL with positional parameters. */
export function inForceSql(startColumn: string, endColumn: string, day: string): { sql: string; params: string[] } {
  return { sql: inForceAt(startColumn, endColumn, '?'), params: [day, day] };
}

/**
 * The lifecycle statuses of a dated record: `active` as recorded, `ended` once it ended. A record
 * recorded active whose last day has passed has ended, whatever is stored: status follows dates,
 * so a store left alone answers correctly on any later day.
 */
export interface Lifecycle<S extends string> {
  active: S;
  ended: S;
}

/**
 * The term and status of a dated record as a write opens it: in force from `startsOn` to its
 * planned `endsOn` (open-ended when none is given), recorded `active`.
 */
export function openedInForce<S extends string, E extends string | null | undefined>(
  lifecycle: Lifecycle<S>,
  term: { startsOn: string; endsOn?: E },
): { startsOn: string; endsOn: PlannedEnd<E>; status: S } {
  return { startsOn: term.startsOn, endsOn: (term.endsOn ?? null) as PlannedEnd<E>, status: lifecycle.active };
}

/** A planned last day as stored: the day when one is given, null (open-ended) when none is. */
type PlannedEnd<E> = E extends string ? E : null;

/** A record's status on `day`. */
export function statusOn<S extends string>(lifecycle: Lifecycle<S>, stored: S, endsOn: string | null, day: string = today()): S {
  return stored === lifecycle.active && endsOn !== null && endsOn < day ? lifecycle.ended : stored;
}

/** SQL (named parameters `<prefix>Status`, `<prefix>Day`) selecting records whose `statusOn` is `wanted`. */
export function statusIsWhere<S extends string>(
  lifecycle: Lifecycle<S>,
  statusColumn: string,
  endColumn: string,
  wanted: S,
  prefix: string,
  day: string = today(),
): { where: string; parameters: Record<string, string> } {
  const status = `${prefix}Status`;
  const on = `${prefix}Day`;
  if (wanted === lifecycle.active) {
    return {
      where: `(${statusColumn} = :${status} AND (${endColumn} IS NULL OR ${endColumn} >= :${on}))`,
      parameters: { [status]: wanted, [on]: day },
    };
  }
  if (wanted === lifecycle.ended) {
    return {
      where: `(${statusColumn} = :${status} OR (${statusColumn} = :${prefix}Active AND ${endColumn} < :${on}))`,
      parameters: { [status]: wanted, [`${prefix}Active`]: lifecycle.active, [on]: day },
    };
  }
  return { where: `${statusColumn} = :${status}`, parameters: { [status]: wanted } };
}
