import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

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

/** Where buckets live: in memory for one gateway; a shared store (e.g. Redis) for several. */
export interface BucketStore {
  take(key: string, cost: number, settings: RateLimitSettings, nowMs: number): Promise<Budget>;
}

/** Token buckets in this process. */
export class MemoryBucketStore implements BucketStore {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  async take(key: string, cost: number, settings: RateLimitSettings, nowMs: number): Promise<Budget> {
    const bucket = this.buckets.get(key) ?? { tokens: settings.burst, updatedMs: nowMs };
    bucket.tokens = Math.min(settings.burst, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * settings.refillPerSecond);
    bucket.updatedMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const missing = Math.min(cost, settings.burst) - bucket.tokens;
    return {
      allowed: false,
      remaining: Math.floor(bucket.tokens),
      retryAfterSeconds: Math.max(1, Math.ceil(missing / settings.refillPerSecond)),
    };
  }
}

/**
 * The estimated cost of an operation, with the same graphql-armor cost rule that refuses too
 * costly operations (cost depends on the document only, so it is computed once per document).
 */
export class OperationCost {
  private readonly costs = new Map<string, number>();

  constructor(private readonly maxEntries = 5_000) {}

  of(schema: GraphQLSchema, document: DocumentNode, source: string): number {
    const known = this.costs.get(source);
    if (known !== undefined) return known;
    let cost = 1;
    validate(schema, document, [
      costLimitRule({
        maxCost: Number.MAX_SAFE_INTEGER,
        ignoreIntrospection: true,
        flattenFragments: true,
        onAccept: [(_context, { n }: { n: number }) => (cost = Math.max(1, Math.ceil(n)))],
        propagateOnRejection: false,
      }),
    ]);
    if (this.costs.size >= this.maxEntries) this.costs.delete(this.costs.keys().next().value as string);
    this.costs.set(source, cost);
    return cost;
  }
}

/**
 * Rate limits by cost per caller (token bucket): each operation takes its estimated cost from the
 * caller's bucket; an empty bucket answers HTTP 429 RATE_LIMITED with the seconds to wait. Every
 * response says the cost and the budget left in `extensions.rateLimit`.
 */
export function rateLimitPlugin<TContext extends BaseContext>(options: {
  settings: RateLimitSettings;
  store: BucketStore;
  keyOf: (context: TContext) => string;
  now?: () => number;
}): ApolloServerPlugin<TContext> {
  const costs = new OperationCost();
  const now = options.now ?? Date.now;
  return {
    async requestDidStart() {
      let report: { cost: number; remaining: number; limit: number } | null = null;
      return {
        async didResolveOperation({ schema, document, source, contextValue }) {
          if (options.settings.burst <= 0) return;
          const cost = costs.of(schema, document, source);
          const budget = await options.store.take(options.keyOf(contextValue), cost, options.settings, now());
          report = { cost, remaining: budget.remaining, limit: options.settings.burst };
          if (!budget.allowed) {
            throw new GraphQLError(
              `Rate limit reached: this operation costs ${cost} and ${budget.remaining} of ${options.settings.burst} remain; retry in ${budget.retryAfterSeconds} s.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  retryAfterSeconds: budget.retryAfterSeconds,
                  http: { status: 429, headers: new Map([['retry-after', String(budget.retryAfterSeconds)]]) },
                },
              },
            );
          }
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
