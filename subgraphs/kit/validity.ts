/** Whether something valid from `startsOn` until `endsOn` (exclusive; null = open-ended) was in force on `asOf`. */
export function inForceOn(startsOn: string, endsOn: string | null, asOf: string): boolean {
  return startsOn <= asOf && (endsOn === null || endsOn > asOf);
}

/**
 * The same rule in SQL, for statements that apply it to a column of days (a timeline) or to one
 * day: `startsOn`, `endsOn` and `day` are SQL expressions (columns or placeholders; a placeholder
 * for `day` appears twice, so give its value twice).
 */
export function inForceAt(startsOn: string, endsOn: string, day: string): string {
  return `(${startsOn} <= ${day} AND (${endsOn} IS NULL OR ${endsOn} > ${day}))`;
}
