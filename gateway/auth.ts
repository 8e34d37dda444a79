import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { API_KEY_HEADER } from '../common/api-key';
import type { AuthConfig } from '../common/config';
import { identityFromClaims, IdentityError, type Identity } from '../common/identity';

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/** The credentials could not be checked (the partners subgraph, which holds API keys, did not answer): 503, not 401. */
export class ApiKeyUnverifiableError extends Error {
  override name = 'ApiKeyUnverifiableError';
}

/** Checks an `X-API-Key` value (gateway/api-keys.ts): its caller, or an AuthenticationError / ApiKeyUnverifiableError. */
export interface ApiKeyCheck {
  verify(apiKey: string): Promise<Identity>;
}

const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256'];

/**
 * Verifies the caller at the edge: a bearer JWT signed with the configured HS256 secret, or with
 * a key from the configured JWKS (URL or file) for RS256/ES256 (claims: sub, role, partnerId);
 * or an API key in `X-API-Key`, checked by the API key verifier.
 */
export class Authenticator {
  private readonly hmacKey: Uint8Array | null;
  private readonly keySet: JWTVerifyGetKey | null;

  constructor(
    private readonly config: AuthConfig,
    private readonly apiKeys: ApiKeyCheck | null = null,
  ) {
    this.hmacKey = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
    this.keySet = config.jwksUrl
      ? createRemoteJWKSet(new URL(config.jwksUrl))
      : config.jwksFile
        ? createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwksFile, 'utf8')) as JSONWebKeySet)
        : null;
  }

  /** The caller of a request: an API key (`X-API-Key`) or a bearer token (`Authorization`), not both. */
  async authenticateRequest(headers: IncomingHttpHeaders): Promise<Identity> {
    const apiKey = headers[API_KEY_HEADER];
    if (apiKey === undefined || apiKey === '') return this.authenticate(headers.authorization);
    if (headers.authorization)
      throw new AuthenticationError('Send one kind of credentials: "X-API-Key" or "Authorization: Bearer", not both.');
    if (!this.apiKeys) throw new AuthenticationError('API keys are not accepted here: send "Authorization: Bearer <token>".');
    if (typeof apiKey !== 'string') throw new AuthenticationError('Send one "X-API-Key" header, not several.');
    return this.apiKeys.verify(apiKey);
  }

  async authenticate(authorization: string | undefined): Promise<Identity> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) {
      throw new AuthenticationError(
        'Missing credentials: send "Authorization: Bearer <token>" or "X-API-Key: <key>" (see README, "Authentication").',
      );
    }
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthenticationError('The bearer token is not a JWT.');
    }
    const options = { issuer: this.config.issuer, audience: this.config.audience, requiredClaims: ['exp'] };
    try {
      if (algorithm === 'HS256' && this.hmacKey) {
        return this.identityOf((await jwtVerify(token, this.hmacKey, { ...options, algorithms: ['HS256'] })).payload);
      }
      if (algorithm && ASYMMETRIC_ALGORITHMS.includes(algorithm) && this.keySet) {
        return this.identityOf((await jwtVerify(token, this.keySet, { ...options, algorithms: ASYMMETRIC_ALGORITHMS })).payload);
      }
    } catch (error) {
      const reason = error instanceof IdentityError ? error.message : (error as Error).message;
      throw new AuthenticationError(`The bearer token was refused: ${reason}.`);
    }
    throw new AuthenticationError(`Tokens signed with ${algorithm ?? 'no algorithm'} are not accepted here.`);
  }

  /** A verified token's caller, if its lifetime is within AUTH_MAX_TOKEN_LIFETIME_SECONDS (counted from its "iat" and from now). */
  private identityOf(claims: JWTPayload): Identity {
    const longest = this.config.maxTokenLifetimeSeconds;
    const exp = claims.exp ?? 0;
    const from = Math.min(Math.floor(Date.now() / 1000), claims.iat ?? Infinity);
    if (exp - from > longest) {
      throw new IdentityError(
        `the token lives ${exp - from} seconds; tokens may live at most ${longest} seconds (AUTH_MAX_TOKEN_LIFETIME_SECONDS)`,
      );
    }
    return identityFromClaims(claims);
  }
}
