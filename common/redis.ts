import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import type { RedisConfig } from './config';

/**
 * A connection for shared state: it never queues a command while disconnected (the command fails
 * at once and the caller falls back to memory), gives up on one after `timeoutMs`, and keeps
 * reconnecting in the background for as long as it lives.
 */
export function connectRedis(config: RedisConfig, connectionName: string): Redis {
  const client = new Redis(config.url, {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResubscribe: false,
    commandTimeout: config.timeoutMs,
    connectTimeout: Math.max(config.timeoutMs, 1_000),
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  // Failures reach whoever sent the command; the connection's own errors are reported by its owner's state changes.
  client.on('error', () => undefined);
  return client;
}

/**
 * How Redis runs for the gateways: nothing on disk (buckets refill, answers are asked again), and
 * under memory pressure only keys that expire are evicted, never the answers' generation counter.
 * docker-compose.yml runs it with exactly these flags (a test checks), as do the tests and the bench.
 */
export const REDIS_SERVER_FLAGS = ['--save', '', '--appendonly', 'no', '--maxmemory', '256mb', '--maxmemory-policy', 'volatile-lru'];

/** Whether a Redis server answers PING at `url` (one attempt, no retries). */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The Redis address without credentials, for logs and readiness details. */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}

/** Every key and channel the gateways use, under the configured prefix. */
export function redisKeys(prefix: string) {
  return {
    /** A caller's rate-limit bucket (hash: tokens, at); the caller is hashed, never stored in clear. */
    rateBucket: (caller: string) => `${prefix}rate:${createHash('sha256').update(caller).digest('base64url')}`,
    /** Bumped by every write through any gateway: cached answers of older generations are void. */
    answerGeneration: `${prefix}answers:generation`,
    answer: (key: string) => `${prefix}answers:${key}`,
    /** Pub/sub: the id of each API key just revoked. */
    apiKeyRevocations: `${prefix}api-keys:revoked`,
  };
}

/** A Lua script run by its SHA-1 (EVALSHA), sent in full only when Redis does not know it yet. */
export class RedisScript {
  private readonly sha1: string;

  constructor(private readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Tells every gateway listening on Redis that an API key was revoked (`npm run api-key -- revoke`).
 * Resolves to how many gateways heard it; rejects when Redis cannot be reached.
 */
export async function announceApiKeyRevocation(config: RedisConfig, keyId: string): Promise<number> {
  const redis = connectRedis(config, 'channel-graph-api-key-command');
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no connection within ${Math.max(config.timeoutMs, 1_000)} ms`)),
        Math.max(config.timeoutMs, 1_000),
      );
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return await redis.publish(redisKeys(config.keyPrefix).apiKeyRevocations, keyId);
  } finally {
    redis.disconnect();
  }
}
