import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { INTERNAL_IDENTITY_HEADER, verifyInternalIdentity, type Identity } from '../../common/identity';

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
  const refuse = (message: string) =>
    new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  if (typeof token !== 'string' || token.length === 0) {
    throw refuse('This subgraph answers only requests forwarded by the gateway: send your operation to the gateway.');
  }
  let identity: Identity;
  try {
    identity = await verifyInternalIdentity(token, internalSecret);
  } catch {
    throw refuse('The forwarded identity is invalid or expired: send your operation to the gateway.');
  }
  if (!FULL_READ_ROLES.includes(identity.role)) {
    // Partner-scoped reads (each partner seeing only its own licences, agreements, contracts and
    // customers) are not enforced yet, so partner callers get nothing rather than everything.
    throw new GraphQLError(`The ${identity.role} role cannot read through this API yet: partner-scoped access is not available.`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  return { identity, token };
}

/** Roles that read the whole channel. */
export const FULL_READ_ROLES: ReadonlyArray<Identity['role']> = ['VENDOR', 'ANALYST'];
