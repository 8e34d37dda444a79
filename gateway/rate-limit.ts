import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RedisScript } from '../common/redis';
import type { SharedState } from './shared-state';

export interface RateLimitSettings {
  /** Cost units a caller may spend at once (the bucket's size); 0 turns rate limiting off. */
  burst: number;
  /** Cost units given back per second. */
  refillPerSecond: number;
}

export interface Budget {
  allowed: boolean;
  remaining: number;
  /** Seconds until the bucket holds enough for this request again (0 when allowed). */
  retryAfterSeconds: number;
}

/** Where buckets live: in memory for one gateway; in Redis for all of them (SharedBucketStore). */
export interface BucketStore {
  take(key: string, cost: number, settings: RateLimitSettings, nowMs: number): Promise<Budget>;
}

/** What a caller is told, from the tokens left in its bucket after this request (taken or not). */
function budgetOf(allowed: boolean, tokens: number, cost: number, settings: RateLimitSettings): Budget {
  if (allowed) return { allowed, remaining: Math.floor(tokens), retryAfterSeconds: 0 };
  const missing = Math.min(cost, settings.burst) - tokens;
  return { allowed, remaining: Math.floor(tokens), retryAfterSeconds: Math.max(1, Math.ceil(missing / settings.refillPerSecond)) };
}

/**
 * Token buckets in this process. A bucket that has refilled to the brim is the same as none, so
 * those are dropped when the map grows past `maxBuckets` (many callers over time).
 */
export class MemoryBucketStore implements BucketStore {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(private readonly maxBuckets = 100_000) {}

  async take(key: string, cost: number, settings: RateLimitSettings, nowMs: number): Promise<Budget> {
    const bucket = this.buckets.get(key) ?? { tokens: settings.burst, updatedMs: nowMs };
    // The same arithmetic as TAKE_FROM_BUCKET (Redis), so both stores decide alike.
    if (nowMs > bucket.updatedMs) {
      bucket.tokens = bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * settings.refillPerSecond;
      bucket.updatedMs = nowMs;
    }
    if (bucket.tokens > settings.burst) bucket.tokens = settings.burst;
    const allowed = bucket.tokens >= cost;
    if (allowed) bucket.tokens = bucket.tokens - cost;
    if (!this.buckets.has(key) && this.buckets.size >= this.maxBuckets) this.dropFullBuckets(settings, nowMs);
    this.buckets.set(key, bucket);
    return budgetOf(allowed, bucket.tokens, cost, settings);
  }

  get size(): number {
    return this.buckets.size;
  }

  private dropFullBuckets(settings: RateLimitSettings, nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * settings.refillPerSecond >= settings.burst) this.buckets.delete(key);
    }
  }
}

/**
 * One token bucket in Redis, taken from atomically: KEYS[1] the caller's bucket (hash of `tokens`
 * and `at`, ms); ARGV cost, burst, refill per second, now (ms). Time never runs backwards for a
 * bucket (gateways' clocks differ slightly), numbers are stored with full precision (%.17g), and an
 * idle bucket expires once it would be full again. Returns { allowed (1/0), tokens left }.
 */
const TAKE_FROM_BUCKET = new RedisScript(`
local cost = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local refill = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
if now > at then
  tokens = tokens + ((now - at) / 1000) * refill
  at = now
end
if tokens > burst then tokens = burst end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / refill * 1000) + 1000)
return { allowed, string.format('%.17g', tokens) }
`);

/**
 * Every gateway's buckets in Redis, so N gateways allow a caller what one would. While Redis is
 * unavailable (degraded mode) each gateway keeps buckets in its own memory: a caller may then
 * spend its budget once per gateway.
 */
export class SharedBucketStore implements BucketStore {
  constructor(
    private readonly shared: SharedState,
    private readonly fallback: BucketStore = new MemoryBucketStore(),
  ) {}

  async take(key: string, cost: number, settings: RateLimitSettings, nowMs: number): Promise<Budget> {
    const taken = await this.shared.attempt(
      (redis) =>
        TAKE_FROM_BUCKET.run(redis, [this.shared.keys.rateBucket(key)], [cost, settings.burst, settings.refillPerSecond, nowMs]) as Promise<
          [number, string]
        >,
    );
    if (!taken.shared) return this.fallback.take(key, cost, settings, nowMs);
    const [allowed, tokens] = taken.value;
    return budgetOf(allowed === 1, Number(tokens), cost, settings);
  }
}

/** The refusal when the caller's bucket cannot pay (both gateways): HTTP 429 with Retry-After. */
export function rateLimited(cost: number, budget: Budget, settings: RateLimitSettings): GraphQLError {
  return new GraphQLError(
    `Rate limit reached: this operation costs ${cost} and ${budget.remaining} of ${settings.burst} remain; retry in ${budget.retryAfterSeconds} s.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: budget.retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(budget.retryAfterSeconds)]]) },
      },
    },
  );
}

/**
 * Rate limits by cost per caller (token bucket): each operation takes its estimated cost (demand
 * control's, from the supergraph's @cost and @listSize: `costOf`) from the caller's bucket; an empty bucket answers HTTP 429 RATE_LIMITED with the seconds to wait. Every
 * response says the cost and the budget left in `extensions.rateLimit`.
 */
export function rateLimitPlugin<TContext extends BaseContext>(options: {
  settings: RateLimitSettings;
  store: BucketStore;
  keyOf: (context: TContext) => string;
  costOf: (requestContext: GraphQLRequestContextDidResolveOperation<TContext>) => number;
  now?: () => number;
}): ApolloServerPlugin<TContext> {
  const now = options.now ?? Date.now;
  return {
    async requestDidStart() {
      let report: { cost: number; remaining: number; limit: number } | null = null;
      return {
        async didResolveOperation(requestContext) {
          if (options.settings.burst <= 0) return;
          const cost = Math.max(1, options.costOf(requestContext));
          const budget = await options.store.take(options.keyOf(requestContext.contextValue), cost, options.settings, now());
          report = { cost, remaining: budget.remaining, limit: options.settings.burst };
          if (!budget.allowed) throw rateLimited(cost, budget, options.settings);
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, rateLimit: report };
          response.http.headers.set('ratelimit-remaining', String(report.remaining));
          response.http.headers.set('ratelimit-limit', String(report.limit));
        },
      };
    },
  };
}
