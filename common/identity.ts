import { jwtVerify, SignJWT } from 'jose';

/**
 * Who is calling. VENDOR: the channel team (everything); ANALYST: reads everything;
 * PRIMARY / SECONDARY: a user or tool of one partner (`partnerId`), scoped to that partner.
 */
export const ROLES = ['VENDOR', 'ANALYST', 'PRIMARY', 'SECONDARY'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that read the whole channel (and may read its schema); PRIMARY and SECONDARY act for one partner. */
export const WHOLE_CHANNEL_ROLES: readonly Role[] = ['VENDOR', 'ANALYST'];

export function readsWholeChannel(role: Role): boolean {
  return WHOLE_CHANNEL_ROLES.includes(role);
}

export interface Identity {
  subject: string;
  role: Role;
  /** Set for PRIMARY and SECONDARY partner users. */
  partnerId: string | null;
}

/** The header the gateway uses to hand the verified caller to subgraphs (and subgraphs to peers). */
export const INTERNAL_IDENTITY_HEADER = 'x-channel-identity';

const INTERNAL_ISSUER = 'channel-graph-gateway';
const INTERNAL_AUDIENCE = 'channel-graph-subgraphs';
const INTERNAL_TTL_SECONDS = 60;

export class IdentityError extends Error {
  override name = 'IdentityError';
}

/** Checks the claims every identity must have: a subject, a known role, a partner for partner roles. */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const subject = claims.sub;
  const role = claims.role;
  const partnerId = claims.partnerId ?? null;
  if (typeof subject !== 'string' || subject.length === 0) throw new IdentityError('the token has no subject ("sub")');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new IdentityError(`the token's role ${JSON.stringify(role)} is not one of ${ROLES.join(', ')}`);
  }
  if ((role === 'PRIMARY' || role === 'SECONDARY') && (typeof partnerId !== 'string' || partnerId.length === 0)) {
    throw new IdentityError(`a ${role} token must name its partner ("partnerId")`);
  }
  if (partnerId !== null && typeof partnerId !== 'string') throw new IdentityError('"partnerId" must be a string');
  return { subject, role: role as Role, partnerId: role === 'PRIMARY' || role === 'SECONDARY' ? partnerId : null };
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** A short-lived token, signed with the secret gateway and subgraphs share, carrying the verified caller. */
export function signInternalIdentity(identity: Identity, secret: string): Promise<string> {
  return new SignJWT({ role: identity.role, ...(identity.partnerId ? { partnerId: identity.partnerId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TTL_SECONDS}s`)
    .sign(secretKey(secret));
}

export async function verifyInternalIdentity(token: string, secret: string): Promise<Identity> {
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: ['HS256'],
    });
    return identityFromClaims(payload);
  } catch (error) {
    throw new IdentityError(error instanceof IdentityError ? error.message : 'the internal identity is invalid or expired');
  }
}

/** Signs a caller token with the HS256 secret, as an identity provider would (local use and tests). */
export function issueToken(
  identity: Identity,
  options: { secret: string; issuer: string; audience: string; expiresIn: string },
): Promise<string> {
  return new SignJWT({ role: identity.role, ...(identity.partnerId ? { partnerId: identity.partnerId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn)
    .sign(secretKey(options.secret));
}

/** One string per caller (role, subject and partner), for keys that must never be shared between callers. */
export function callerKey(identity: Identity): string {
  return `${identity.role}:${identity.subject}:${identity.partnerId ?? ''}`;
}
