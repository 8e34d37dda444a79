/** A LIKE pattern that matches `text` anywhere, with `!` as the escape (portable to SQLite and MySQL). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

/** Aggregates come back as strings from MySQL (DECIMAL, BIGINT) and numbers from SQLite. */
export function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
