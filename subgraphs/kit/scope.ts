import { GraphQLError } from 'graphql';
import { forbidden, partnerOf, readsEverything, type Caller } from './auth';
import { refuse, UserErrorCode, type Refusal } from './writes/user-error';

/*
 * The one rule for what a record outside the caller's scope looks like (docs/architecture.md,
 * "Visibility"): exactly like one that does not exist, on every path, decided before anything
 * about the record's state is read or reported. Every service and write of the four subgraphs
 * goes through these helpers, so "out of scope" has one shape everywhere.
 */

/** Whether the caller may see what belongs to this partner: the whole channel, or its own partner's part. */
export function ownsOrReadsAll(caller: Caller, partnerId: string | null | undefined): boolean {
  if (readsEverything(caller)) return true;
  const own = partnerOf(caller);
  return own !== null && partnerId === own;
}

/**
 * A partner's licence figure (`licensedCores`, and `meetsAdvantageThreshold` derived from it): the
 * whole channel or the partner itself; anyone else gets FORBIDDEN at the field, naming the rule.
 */
export function requireLicenceDataOf(caller: Caller, partnerId: string, field: string): void {
  if (!ownsOrReadsAll(caller, partnerId))
    throw forbidden(
      `${field} of partner "${partnerId}" is licence data of another partner: the ${caller.identity.role} role sees its own.`,
    );
}

/** A single record as the caller may see it: the record, or null with no error, exactly as a missing one. */
export async function visibleOrNull<T>(record: T | null, mayRead: (record: T) => boolean | Promise<boolean>): Promise<T | null> {
  if (record === null) return null;
  return (await mayRead(record)) ? record : null;
}

/** The records of a list the caller may see (lists, counts and filters only ever run over these). */
export async function visibleOnly<T>(records: T[], mayRead: (record: T) => boolean | Promise<boolean>): Promise<T[]> {
  const verdicts = await Promise.all(records.map(async (record) => mayRead(record)));
  return records.filter((_, index) => verdicts[index]);
}

/**
 * A write's target that does not exist or that the caller may not see: one refusal for both, the
 * same code and message, naming only the id the caller sent.
 */
export function notFound(field: string, what: string, id: string): Refusal {
  return refuse(UserErrorCode.NOT_FOUND, field, `${what} "${id}" was not found.`);
}

/**
 * A write's target the caller may see but not change (e.g. a secondary and its agreement, which
 * only the primary may terminate): FORBIDDEN, naming the rule, never another partner or a state.
 */
export function mayNotChange(action: string, whoMay: string): GraphQLError {
  return new GraphQLError(`${action} is for ${whoMay}.`, { extensions: { code: 'FORBIDDEN' } });
}
