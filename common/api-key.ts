import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Identity } from './identity';

/**
 * API keys for partner tools: `cgk_<keyId>_<secret>`. The key id names the stored key (it is
 * the caller's subject); the secret is 32 random bytes, base64url. Only the SHA-256 of the
 * secret is stored (a fast hash is enough for a high-entropy random secret), and the whole key
 * is shown once, when it is created.
 */
const API_KEY_PREFIX = 'cgk';
/** The request header a partner tool sends its key in (instead of `Authorization: Bearer`). */
export const API_KEY_HEADER = 'x-api-key';

const KEY_ID_BYTES = 8;
const SECRET_BYTES = 32;
const KEY_ID = `[0-9a-f]{${KEY_ID_BYTES * 2}}`;
/** base64url of 32 bytes: 43 characters, no padding. */
const SECRET = '[A-Za-z0-9_-]{43}';
const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}_(${KEY_ID})_(${SECRET})$`);
const KEY_ID_PATTERN = new RegExp(`^${KEY_ID}$`);
const SECRET_HASH_PATTERN = /^[0-9a-f]{64}$/;

export interface PresentedApiKey {
  keyId: string;
  secret: string;
}

export interface NewApiKey extends PresentedApiKey {
  /** The whole key, for the caller: shown once, never stored. */
  key: string;
  /** What the store keeps. */
  secretHash: string;
}

/** A new key id and secret, with the hash to store. */
export function generateApiKey(): NewApiKey {
  const keyId = randomBytes(KEY_ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { keyId, secret, key: `${API_KEY_PREFIX}_${keyId}_${secret}`, secretHash: hashApiKeySecret(secret) };
}

/** The key id and secret of a presented key, or null when it does not have the key's shape. */
export function parseApiKey(key: string): PresentedApiKey | null {
  const match = API_KEY_PATTERN.exec(key.trim());
  const [, keyId, secret] = match ?? [];
  return keyId && secret ? { keyId, secret } : null;
}

/** SHA-256 of the secret, lowercase hex (64 characters). */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function isApiKeyId(value: string): boolean {
  return KEY_ID_PATTERN.test(value);
}

function isSecretHash(value: string): boolean {
  return SECRET_HASH_PATTERN.test(value);
}

/** Compares two secret hashes in constant time (both must be 64 hex characters). */
export function secretHashesMatch(stored: string, presented: string): boolean {
  if (!isSecretHash(stored) || !isSecretHash(presented)) return false;
  return timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(presented, 'hex'));
}

/**
 * Who the gateway is when it asks the partners subgraph about an API key: a service identity
 * with the VENDOR role, the only role the key lookup answers.
 */
export const GATEWAY_SERVICE_IDENTITY: Identity = { subject: 'gateway', role: 'VENDOR', partnerId: null };
