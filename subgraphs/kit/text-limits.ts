import { badUserInput } from './errors';
import { refuse, UserErrorCode } from './writes/user-error';

/**
 * The documented maximum length of every free-text argument (README, "Hostile queries"): longer
 * is BAD_USER_INPUT naming the argument, its length and the limit, before anything reads the
 * store (a 50,000-character search must not reach SQL, where it failed as an internal error).
 * Write fields match their columns' widths.
 */
export const TEXT_LIMITS = {
  /** `partners` and `customers` `filter.nameContains`. */
  nameContains: 200,
  /** Partner and customer names (checkedName). */
  name: 200,
  website: 300,
  alternativeVendor: 100,
  /** A membership decision's reason. */
  reason: 500,
  idempotencyKey: 100,
} as const;

function tooLong(argument: string, length: number, limit: number): string {
  return `${argument} has ${length} characters; it may have at most ${limit}.`;
}

/** A read's text argument (e.g. `filter.nameContains`), or a BAD_USER_INPUT GraphQL error. */
export function searchText(value: string, argument: string, limit: number): string {
  if (value.length > limit) throw badUserInput(tooLong(argument, value.length, limit), argument);
  return value;
}

/** A write's text field, or a BAD_USER_INPUT refusal at `input.<field>` (nothing written). */
export function writeText<T extends string | null | undefined>(value: T, field: string, limit: number): T {
  if (typeof value === 'string' && value.length > limit)
    throw refuse(UserErrorCode.BAD_USER_INPUT, field, tooLong(field, value.length, limit));
  return value;
}
