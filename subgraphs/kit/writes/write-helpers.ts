import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget, FindOneOptions, ObjectLiteral } from 'typeorm';
import { TEXT_LIMITS } from '../text-limits';
import { refuse, UserErrorCode } from './user-error';

/** A new id with the entity's prefix, e.g. `alc-…` (36 characters at most, like the demo ids' columns). */
function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '')}`;
}

/** Today (common/dates.ts): the default day of a change. */
export { today } from '../../../common/dates';

/** Find options that read a row for update: locked on MySQL; SQLite serialises writes anyway and has no row locks. */
/**
 * The capacity rule of cores drawn from a source (a licence's cores allocated, an allocation's
 * cores in use by contracts): asking for more than the source has left is a RULE_VIOLATION on
 * `field` naming the source, what it has left and its total.
 */
export function requireCoresAvailable(field: string, asked: number, source: string, available: number, total: number): void {
  if (asked > available) {
    throw refuse(UserErrorCode.RULE_VIOLATION, field, `Asked for ${asked} cores, but ${source} has ${available} of ${total} available.`);
  }
}

export function forUpdate(manager: EntityManager): Pick<FindOneOptions, 'lock'> {
  return manager.connection.options.type === 'better-sqlite3' ? {} : { lock: { mode: 'pessimistic_write' } };
}

/** Options of a creating write: a bulk import keeps the ids its files give. */
export interface CreateOptions {
  id?: string;
}

const CHOSEN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,35}$/;

/** The new row's id: the chosen one (well-formed and not yet used), or a new one with the entity's prefix. */
export async function idForNew(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  prefix: string,
  options: CreateOptions,
): Promise<string> {
  if (options.id === undefined) return newId(prefix);
  if (!CHOSEN_ID.test(options.id)) {
    throw refuse(
      UserErrorCode.BAD_USER_INPUT,
      'id',
      `id "${options.id}" must be 1 to 36 letters, digits, ".", "_", ":" or "-", starting with a letter or digit.`,
    );
  }
  if (await manager.findOneBy(entity, { id: options.id }))
    throw refuse(UserErrorCode.CONFLICT, 'id', `id "${options.id}" is already used.`);
  return options.id;
}

/** A display name: trimmed, 1 to 200 characters. */
export function checkedName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > TEXT_LIMITS.name)
    throw refuse(UserErrorCode.BAD_USER_INPUT, field, `${field} must have 1 to ${TEXT_LIMITS.name} characters.`);
  return trimmed;
}

/** An ISO 3166-1 alpha-2 country code, upper-cased. */
export function checkedCountry(country: string, field = 'country'): string {
  if (!/^[A-Za-z]{2}$/.test(country))
    throw refuse(UserErrorCode.BAD_USER_INPUT, field, `${field} "${country}" is not an ISO 3166-1 alpha-2 code such as "IT" or "DE".`);
  return country.toUpperCase();
}
