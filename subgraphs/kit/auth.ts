import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { INTERNAL_IDENTITY_HEADER, readsWholeChannel, verifyInternalIdentity, type Identity } from '../../common/identity';

/** The verified caller of a subgraph request, and the token to forward when calling a peer subgraph. */
export interface Caller {
  identity: Identity;
  token: string;
}

/**
 * Subgraphs trust only the identity the gateway signed: a request without it (e.g. someone
 * calling a subgraph's port directly) is refused with UNAUTHENTICATED (HTTP 401).
 */
export async function callerFromHeaders(headers: IncomingHttpHeaders, internalSecret: string): Promise<Caller> {
  const token = headers[INTERNAL_IDENTITY_HEADER];
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  if (typeof token !== 'string' || token.length === 0) {
    throw refuse('This subgraph answers only requests forwarded by the gateway: send your operation to the gateway.');
  }
  let identity: Identity;
  try {
    identity = await verifyInternalIdentity(token, internalSecret);
  } catch {
    throw refuse('The forwarded identity is invalid or expired: send your operation to the gateway.');
  }
  return { identity, token };
}

/** VENDOR and ANALYST read the whole channel; partner roles read their own part of it. */
export function readsEverything(caller: Caller): boolean {
  return readsWholeChannel(caller.identity.role);
}

/** The partner a partner-role caller acts for; null for VENDOR and ANALYST. */
export function partnerOf(caller: Caller): string | null {
  return readsEverything(caller) ? null : caller.identity.partnerId;
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** Channel-wide figures and analytics are for the channel team and analysts only. */
export function requireFullRead(caller: Caller, what: string): void {
  if (!readsEverything(caller)) {
    throw forbidden(`${what} covers the whole channel: the ${caller.identity.role} role sees only its own partner's data.`);
  }
}

/** A single object outside the caller's scope: the field is null, with a FORBIDDEN error. */
export function outOfScope(caller: Caller, what: string, id: string): GraphQLError {
  return forbidden(`${what} "${id}" is outside what ${caller.identity.role} partner ${caller.identity.partnerId} may see.`);
}

/** Changes reserved to some roles (e.g. program decisions to the channel team). */
export function requireRole(caller: Caller, roles: ReadonlyArray<Identity['role']>, what: string): void {
  if (!roles.includes(caller.identity.role)) {
    throw forbidden(`${what} is for ${roles.join(' or ')}: the ${caller.identity.role} role may not.`);
  }
}
