import { Directive } from 'type-graphql';
import { WHOLE_CHANNEL_ROLES, type Role } from '../../common/identity';

/**
 * The policy a subgraph declares on its schema, as the federation ecosystem writes it, composed
 * into schema/supergraph.graphql for the gateway to enforce before planning (gateway/authorization.ts,
 * gateway/demand-control.ts). The subgraphs still check the caller themselves (kit/auth.ts): this
 * is the outer wall, theirs the inner one.
 *
 * Roles are the scopes: `@requiresScopes(scopes: [["VENDOR"], ["ANALYST"]])` admits a caller
 * holding any one of the listed roles (the outer list is an OR, each inner list an AND).
 */

/** Any verified caller (every root field that no role list narrows). */
export const Authenticated = () => Directive('@authenticated');

/** Callers with one of these roles only. */
export const RequiresRole = (...roles: readonly Role[]) =>
  Directive(`@requiresScopes(scopes: [${roles.map((role) => `["${role}"]`).join(', ')}])`);

/** Channel-wide figures, analytics and audit trails: the roles that read the whole channel. */
export const WholeChannelOnly = () => RequiresRole(...WHOLE_CHANNEL_ROLES);

/** Roles that change the channel: the channel team, and partner roles on their own records. */
export const VENDOR_ONLY: readonly Role[] = ['VENDOR'];
export const VENDOR_OR_PRIMARY: readonly Role[] = ['VENDOR', 'PRIMARY'];
export const VENDOR_OR_PARTNER: readonly Role[] = ['VENDOR', 'PRIMARY', 'SECONDARY'];

/** A field whose work is heavier than its shape says (aggregates over the whole channel, counts): its cost replaces the type's 1 or 0. */
export const Cost = (weight: number) => Directive(`@cost(weight: ${weight})`);

/** A Relay connection: it holds `first` edges (the argument's default when not given). */
export const Paged = () => Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges"])');

/**
 * A list that is not paged: the most items demand control assumes it holds. Sized from the
 * full-scale demo data's largest such list, rounded up (gateway/demand-control.spec.ts checks it).
 */
export const ListOf = (assumedSize: number) => Directive(`@listSize(assumedSize: ${assumedSize})`);

/** Costs used across subgraphs, so alike work weighs alike. */
export const COSTS = {
  /** `totalCount`: one COUNT statement over the filtered rows. */
  count: 5,
  /** Channel-wide figures (`channelOverview`, `thresholdWhatIf`): GROUP BY statements over whole tables in every subgraph. */
  channelWide: 50,
} as const;
