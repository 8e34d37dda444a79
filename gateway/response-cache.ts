import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { OperationTypeNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestContext } from '@apollo/server';
import { operationKey } from './operation-key';
import type { SharedState } from './shared-state';

export interface ResponseCacheSettings {
  /** How long an answer is reused; 0 turns the cache off. */
  seconds: number;
  maxEntries: number;
}

export const RESPONSE_CACHE_HEADER = 'x-response-cache';

/** A cached answer (JSON of `data`), or none; and the generation a fresh answer would be stored under. */
export interface Lookup {
  data: string | null;
  generation: string;
}

/**
 * Where answers are kept, by generation: a write (`invalidate`) starts a new one, and answers of
 * an older generation are never served again. An answer is stored under the generation its query
 * started in, so one that began before a write never outlives it.
 */
export interface AnswerStore {
  lookup(key: string, nowMs: number): Promise<Lookup>;
  store(key: string, data: string, generation: string, expiresAtMs: number): Promise<void>;
  invalidate(): Promise<void>;
}

/** Answers in this gateway's memory, at most `maxEntries` (the oldest goes first). */
export class MemoryAnswerStore implements AnswerStore {
  private readonly entries = new Map<string, { data: string; expiresAt: number }>();
  private generation = 0;

  constructor(private readonly maxEntries: number) {}

  async lookup(key: string, nowMs: number): Promise<Lookup> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= nowMs) this.entries.delete(key);
    return { data: entry && entry.expiresAt > nowMs ? entry.data : null, generation: `memory:${this.generation}` };
  }

  async store(key: string, data: string, generation: string, expiresAtMs: number): Promise<void> {
    if (generation !== `memory:${this.generation}`) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { data, expiresAt: expiresAtMs });
  }

  async invalidate(): Promise<void> {
    this.generation += 1;
    this.entries.clear();
  }
}

/**
 * Answers in Redis, shared by every gateway: a write through any of them bumps the generation
 * there (INCR), which voids every gateway's answers at once; a lookup reads the generation and the
 * entry in one round trip (MGET), and an entry counts only if stored under the current generation.
 * While Redis is unavailable each gateway keeps answers in its own memory (as without Redis); when
 * it is back each gateway bumps the generation once, since it may have seen writes the others did not.
 *
 * Each entry is sealed with an HMAC (a key derived from the secret gateways share) over its Redis
 * key, generation and answer: whoever can write to Redis still cannot make a gateway serve an
 * answer it did not cache, nor one caller's answer to another (an entry moved to another key).
 */
export class SharedAnswerStore implements AnswerStore {
  private readonly sealKey: Buffer;

  constructor(
    private readonly shared: SharedState,
    private readonly fallback: MemoryAnswerStore,
    secret: string,
  ) {
    this.sealKey = createHash('sha256').update(`channel-graph cached answers\n${secret}`).digest();
    shared.onShared(async (redis) => {
      await redis.incr(shared.keys.answerGeneration);
      await fallback.invalidate();
    });
  }

  async lookup(key: string, nowMs: number): Promise<Lookup> {
    const found = await this.shared.attempt((redis) => redis.mget(this.shared.keys.answerGeneration, this.shared.keys.answer(key)));
    if (!found.shared) return this.fallback.lookup(key, nowMs);
    const [generationValue, entry] = found.value;
    const generation = `redis:${generationValue ?? '0'}`;
    return { data: entry ? this.unsealed(key, generation, entry) : null, generation };
  }

  async store(key: string, data: string, generation: string, expiresAtMs: number): Promise<void> {
    if (!generation.startsWith('redis:')) return this.fallback.store(key, data, generation, expiresAtMs);
    const ttlMs = Math.max(1, Math.round(expiresAtMs - Date.now()));
    const entry = `${generation}\n${this.seal(key, generation, data)}\n${data}`;
    await this.shared.attempt((redis) => redis.set(this.shared.keys.answer(key), entry, 'PX', ttlMs));
  }

  async invalidate(): Promise<void> {
    await this.fallback.invalidate();
    await this.shared.attempt((redis) => redis.incr(this.shared.keys.answerGeneration));
  }

  private seal(key: string, generation: string, data: string): string {
    return createHmac('sha256', this.sealKey)
      .update(`${this.shared.keys.answer(key)}\n${generation}\n`)
      .update(data)
      .digest('base64url');
  }

  /** The answer of an entry `<generation>\n<seal>\n<data>` stored under `key`, if of this generation and sealed by a gateway. */
  private unsealed(key: string, generation: string, entry: string): string | null {
    const first = entry.indexOf('\n');
    const second = entry.indexOf('\n', first + 1);
    if (first <= 0 || second <= first || entry.slice(0, first) !== generation) return null;
    const data = entry.slice(second + 1);
    const presented = Buffer.from(entry.slice(first + 1, second));
    const expected = Buffer.from(this.seal(key, generation, data));
    return presented.length === expected.length && timingSafeEqual(presented, expected) ? data : null;
  }
}

/**
 * Answers a query again from the cache when the same caller sends the same operation with the
 * same variables within `seconds`; a mutation empties the cache, so a caller never reads an
 * answer older than its own write. Entries are per caller (`keyOf`), so roles and partners never
 * share answers. Only answers without errors are kept.
 *
 * Where the cache lives is the store's business: this gateway's memory (a write through another
 * gateway, or straight to a database, is not seen until entries expire), or Redis, shared by every
 * gateway and emptied for all of them by a write through any (README, "Scale-out").
 */
export function responseCachePlugin<TContext extends BaseContext>(
  settings: ResponseCacheSettings,
  keyOf: (context: TContext) => string,
  store: AnswerStore = new MemoryAnswerStore(settings.maxEntries),
  now: () => number = Date.now,
): ApolloServerPlugin<TContext> {
  const keyFor = (context: GraphQLRequestContext<TContext>) =>
    operationKey(keyOf(context.contextValue), {
      operationName: context.operationName,
      source: context.source,
      variables: context.request.variables,
    });

  return {
    async requestDidStart() {
      let outcome: 'hit' | 'miss' | null = null;
      let generation = '';
      return {
        async responseForOperation(context) {
          if (settings.seconds <= 0 || context.operation.operation !== OperationTypeNode.QUERY) return null;
          const found = await store.lookup(keyFor(context), now());
          generation = found.generation;
          if (found.data === null) {
            outcome = 'miss';
            return null;
          }
          outcome = 'hit';
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: JSON.parse(found.data) as Record<string, unknown> } },
          };
        },
        async willSendResponse(context) {
          const { body } = context.response;
          if (context.operation?.operation === OperationTypeNode.MUTATION) await store.invalidate();
          if (outcome === 'miss' && body.kind === 'single' && body.singleResult.data && !body.singleResult.errors?.length) {
            await store.store(keyFor(context), JSON.stringify(body.singleResult.data), generation, now() + settings.seconds * 1000);
          }
          if (outcome) context.response.http.headers.set(RESPONSE_CACHE_HEADER, outcome);
        },
      };
    },
  };
}
