import { randomUUID } from 'node:crypto';
import type { EntityManager, FindOneOptions } from 'typeorm';

/** A new id with the entity's prefix, e.g. `alc-…` (36 characters at most, like the demo ids' columns). */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '')}`;
}

/** Today, ISO `YYYY-MM-DD` (UTC): the default end date of a change. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Find options that read a row for update: locked on MySQL; SQLite serialises writes anyway and has no row locks. */
export function forUpdate(manager: EntityManager): Pick<FindOneOptions, 'lock'> {
  return manager.connection.options.type === 'better-sqlite3' ? {} : { lock: { mode: 'pessimistic_write' } };
}
