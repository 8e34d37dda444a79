/** Whether something valid from `startsOn` until `endsOn` (exclusive; null = open-ended) was in force on `asOf`. */
export function inForceOn(startsOn: string, endsOn: string | null, asOf: string): boolean {
  return startsOn <= asOf && (endsOn === null || endsOn > asOf);
}
