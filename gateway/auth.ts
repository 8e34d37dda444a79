import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../common/config';
import { identityFromClaims, IdentityError, type Identity } from '../common/identity';

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256'];

/**
 * Verifies the caller at the edge: a bearer JWT signed with the configured HS256 secret, or with
 * a key from the configured JWKS (URL or file) for RS256/ES256. Claims: sub, role, partnerId.
 */
export class Authenticator {
  private readonly hmacKey: Uint8Array | null;
  private readonly keySet: JWTVerifyGetKey | null;

  constructor(private readonly config: AuthConfig) {
    this.hmacKey = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
    this.keySet = config.jwksUrl
      ? createRemoteJWKSet(new URL(config.jwksUrl))
      : config.jwksFile
        ? createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwksFile, 'utf8')))
        : null;
  }

  async authenticate(authorization: string | undefined): Promise<Identity> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new AuthenticationError('Missing credentials: send "Authorization: Bearer <token>" (see README, "Authentication").');
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthenticationError('The bearer token is not a JWT.');
    }
    const options = { issuer: this.config.issuer, audience: this.config.audience };
    try {
      if (algorithm === 'HS256' && this.hmacKey) {
        return identityFromClaims((await jwtVerify(token, this.hmacKey, { ...options, algorithms: ['HS256'] })).payload);
      }
      if (algorithm && ASYMMETRIC_ALGORITHMS.includes(algorithm) && this.keySet) {
        return identityFromClaims((await jwtVerify(token, this.keySet, { ...options, algorithms: ASYMMETRIC_ALGORITHMS })).payload);
      }
    } catch (error) {
      const reason = error instanceof IdentityError ? error.message : (error as Error).message;
      throw new AuthenticationError(`The bearer token was refused: ${reason}.`);
    }
    throw new AuthenticationError(`Tokens signed with ${algorithm ?? 'no algorithm'} are not accepted here.`);
  }
}
