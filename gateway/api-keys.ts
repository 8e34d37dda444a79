import { GATEWAY_SERVICE_IDENTITY, hashApiKeySecret, parseApiKey } from '../common/api-key';
import type { AuthConfig } from '../common/config';
import { identityFromClaims, INTERNAL_IDENTITY_HEADER, signInternalIdentity, type Identity } from '../common/identity';
import type { Logger } from '../common/logger';
import { ApiKeyUnverifiableError, AuthenticationError, type ApiKeyCheck } from './auth';
import type { SharedState } from './shared-state';

/** Asks whoever holds the keys: the identity of the key when the secret's hash matches and it is not revoked, else null. */
export type ApiKeyLookup = (keyId: string, secretHash: string) => Promise<Identity | null>;

export interface ApiKeyCacheOptions {
  /** How long an answer (valid or not) is kept; 0 asks every time. */
  cacheSeconds: number;
  /** At most this many answers are kept; the oldest goes first. */
  maxEntries?: number;
  /** Milliseconds, for tests. */
  now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Verifies `X-API-Key` at the gateway: the key's shape here, the rest by the partners subgraph
 * (which holds the keys), with each answer cached for a short time. Answers are cached per key id
 * and secret hash, so a wrong secret never hides the right one; concurrent requests with the same
 * key share one lookup. `forget(keyId)` (a revocation heard through Redis) drops a key's answers
 * at once, and no lookup that started before it stores its answer after it; without it a revoked
 * key still works for at most `cacheSeconds`.
 */
export class ApiKeyVerifier implements ApiKeyCheck {
  private readonly answers = new Map<string, { identity: Identity | null; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<Identity | null>>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Bumped by every forget: a lookup answered across one is used once, never cached. */
  private forgetting = 0;

  constructor(
    private readonly lookup: ApiKeyLookup,
    private readonly options: ApiKeyCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  async verify(presented: string): Promise<Identity> {
    const parsed = parseApiKey(presented);
    if (!parsed)
      throw new AuthenticationError('The API key is malformed: expected "cgk_<keyId>_<secret>" as printed by `npm run api-key -- create`.');
    const secretHash = hashApiKeySecret(parsed.secret);
    const identity = await this.answer(`${parsed.keyId}:${secretHash}`, () => this.lookup(parsed.keyId, secretHash));
    if (!identity)
      throw new AuthenticationError(`The API key "${parsed.keyId}" was refused: it is unknown or revoked, or its secret is wrong.`);
    return identity;
  }

  /** A key was revoked: its answers are asked for again from the next request on. */
  forget(keyId: string): void {
    this.forgetting += 1;
    const prefix = `${keyId}:`;
    for (const cacheKey of this.answers.keys()) if (cacheKey.startsWith(prefix)) this.answers.delete(cacheKey);
    for (const cacheKey of this.pending.keys()) if (cacheKey.startsWith(prefix)) this.pending.delete(cacheKey);
  }

  /** Revocations may have been missed (Redis was unreachable): every answer is asked for again. */
  forgetAll(): void {
    this.forgetting += 1;
    this.answers.clear();
    this.pending.clear();
  }

  private async answer(cacheKey: string, lookup: () => Promise<Identity | null>): Promise<Identity | null> {
    const cached = this.answers.get(cacheKey);
    if (cached && cached.expiresAt > this.now()) return cached.identity;
    if (cached) this.answers.delete(cacheKey);
    const inFlight = this.pending.get(cacheKey);
    if (inFlight) return inFlight;
    const startedAt = this.forgetting;
    const asked = lookup().then((identity) => {
      if (this.forgetting === startedAt) this.remember(cacheKey, identity);
      return identity;
    });
    this.pending.set(cacheKey, asked);
    try {
      return await asked;
    } finally {
      if (this.pending.get(cacheKey) === asked) this.pending.delete(cacheKey);
    }
  }

  private remember(cacheKey: string, identity: Identity | null): void {
    if (this.options.cacheSeconds <= 0 || this.maxEntries <= 0) return;
    while (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(cacheKey, { identity, expiresAt: this.now() + this.options.cacheSeconds * 1000 });
  }
}

const API_KEY_IDENTITY = `query ApiKeyIdentity($keyId: ID!, $secretHash: String!) {
  apiKeyIdentity(keyId: $keyId, secretHash: $secretHash) { subject role partnerId }
}`;

/**
 * The lookup on the partners subgraph's internal `apiKeyIdentity` query, as the gateway's own
 * VENDOR service identity. Any failure to get an answer is ApiKeyUnverifiableError (503), never
 * a refusal of the key, and is not cached.
 */
export function partnersApiKeyLookup(partnersUrl: string, internalSecret: string, logger: Logger): ApiKeyLookup {
  return async (keyId, secretHash) => {
    const unverifiable = (detail: string) => {
      logger.error({ partnersUrl, detail }, 'API key lookup failed');
      return new ApiKeyUnverifiableError(
        `API keys cannot be verified right now (the partners subgraph did not answer); try again shortly or use a bearer token.`,
      );
    };
    let body: {
      data?: { apiKeyIdentity: { subject: string; role: string; partnerId: string | null } | null };
      errors?: Array<{ message: string }>;
    };
    try {
      const request = JSON.stringify({ query: API_KEY_IDENTITY, variables: { keyId, secretHash } });
      const response = await fetch(partnersUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(GATEWAY_SERVICE_IDENTITY, internalSecret, request),
        },
        body: request,
        signal: AbortSignal.timeout(5_000),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw unverifiable((error as Error).message);
    }
    if (body.errors?.length || !body.data) throw unverifiable(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
    const found = body.data.apiKeyIdentity;
    if (!found) return null;
    try {
      return identityFromClaims({ sub: found.subject, role: found.role, partnerId: found.partnerId });
    } catch (error) {
      throw unverifiable(`the partners subgraph answered an invalid identity: ${(error as Error).message}`);
    }
  };
}

/**
 * The gateway's API key verifier: asks the partners subgraph, caches for API_KEY_CACHE_SECONDS.
 * With shared state, revocations announced on Redis (`npm run api-key -- revoke`) drop a key's
 * answers at once, and everything cached is dropped whenever this gateway reconnects to Redis
 * (revocations announced while it was away were not heard).
 */
export function createApiKeyVerifier(partnersUrl: string, auth: AuthConfig, logger: Logger, shared: SharedState | null): ApiKeyVerifier {
  const verifier = new ApiKeyVerifier(partnersApiKeyLookup(partnersUrl, auth.internalSecret, logger), {
    cacheSeconds: auth.apiKeyCacheSeconds,
  });
  if (shared) {
    shared.subscribe(shared.keys.apiKeyRevocations, (keyId) => {
      verifier.forget(keyId);
      logger.info({ keyId }, 'API key revoked: its cached answers are dropped');
    });
    shared.onShared(() => verifier.forgetAll());
  }
  return verifier;
}
