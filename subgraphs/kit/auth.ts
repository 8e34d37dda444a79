import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { rawBodyOf } from '../../common/http';
import { INTERNAL_IDENTITY_HEADER, readsWholeChannel, verifyInternalIdentity, type Identity } from '../../common/identity';

/** The verified caller of a subgraph request (peer calls on its behalf are signed again, over their own bodies). */
export interface Caller {
  identity: Identity;
}

/**
 * Subgraphs trust only the identity the gateway (or a peer subgraph) signed for this very request
 * body: a request without it (e.g. someone calling a subgraph's port directly), or with one
 * captured from another request, is refused with UNAUTHENTICATED (HTTP 401).
 */
export async function callerOf(request: IncomingMessage, internalSecret: string): Promise<Caller> {
  const token = request.headers[INTERNAL_IDENTITY_HEADER];
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  if (typeof token !== 'string' || token.length === 0) {
    throw refuse('This subgraph answers only requests forwarded by the gateway: send your operation to the gateway.');
  }
  try {
    return { identity: await verifyInternalIdentity(token, internalSecret, rawBodyOf(request)) };
  } catch {
    throw refuse('The forwarded identity is invalid, expired or signed for another request: send your operation to the gateway.');
  }
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

/** Changes reserved to some roles (e.g. program decisions to the channel team). */
export function requireRole(caller: Caller, roles: ReadonlyArray<Identity['role']>, what: string): void {
  if (!roles.includes(caller.identity.role)) {
    throw forbidden(`${what} is for ${roles.join(' or ')}: the ${caller.identity.role} role may not.`);
  }
}
