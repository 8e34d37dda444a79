import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
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
/**
 * How long a signed subgraph request stays valid. Each one is signed as it is sent, over its own
 * body, so this bounds only a replay of that very request (and absorbs clock skew between machines).
 */
const INTERNAL_TTL_SECONDS = 30;
/** A token issued up to this far in the future (another machine's clock) is still accepted. */
const CLOCK_TOLERANCE_SECONDS = 5;

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

const secretKeys = new Map<string, KeyObject>();

/** The HMAC key of a secret, made once: every subgraph request is signed and verified with it. */
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

/** The body a signed identity is bound to: the exact bytes of the HTTP request body (a string is taken as UTF-8). */
export type SignedBody = string | Uint8Array;

/** SHA-256 of the request body, base64url: the `bodySha256` claim of the internal identity. */
export function bodyDigest(body: SignedBody): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * The header value for one subgraph request: a short-lived HS256 token, signed with the secret
 * gateway and subgraphs share, carrying the verified caller, when it was signed (`iat`) and the
 * SHA-256 of the exact body it goes with (`bodySha256`). Sign each request as it is sent, over
 * the very bytes sent: the header is then worthless with any other operation or variables.
 */
export function signInternalIdentity(identity: Identity, secret: string, body: SignedBody): Promise<string> {
  return new SignJWT({
    role: identity.role,
    ...(identity.partnerId ? { partnerId: identity.partnerId } : {}),
    bodySha256: bodyDigest(body),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TTL_SECONDS}s`)
    .sign(secretKey(secret));
}

/** The caller of a subgraph request, when its header was signed with `secret` for this very body within its lifetime. */
export async function verifyInternalIdentity(token: string, secret: string, body: SignedBody): Promise<Identity> {
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, secretKey(secret), {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['iat', 'exp', 'bodySha256'],
      maxTokenAge: `${INTERNAL_TTL_SECONDS}s`,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch {
    throw new IdentityError('the internal identity is invalid or expired');
  }
  if (claims.bodySha256 !== bodyDigest(body)) throw new IdentityError('the internal identity was signed for another request body');
  return identityFromClaims(claims);
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
