import { createHash } from 'node:crypto';
import { OperationTypeNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestContext } from '@apollo/server';

export interface ResponseCacheSettings {
  /** How long an answer is reused; 0 turns the cache off. */
  seconds: number;
  maxEntries: number;
}

export const RESPONSE_CACHE_HEADER = 'x-response-cache';

interface Entry {
  data: string;
  expiresAt: number;
}

/**
 * Answers a query again from memory when the same caller sends the same operation with the same
 * variables within `seconds`; a mutation through this gateway empties the cache, so a caller
 * never reads an answer older than its own write. Entries are per caller (`keyOf`), so roles and
 * partners never share answers. Only answers without errors are kept.
 *
 * The cache lives in this gateway's memory: a write through another gateway instance, or
 * straight to a database, is not seen until entries expire. Hence off by default (README,
 * "Scale-out").
 */
export function responseCachePlugin<TContext extends BaseContext>(
  settings: ResponseCacheSettings,
  keyOf: (context: TContext) => string,
  now: () => number = Date.now,
): ApolloServerPlugin<TContext> {
  const entries = new Map<string, Entry>();
  // Bumped by every mutation: a query that started before it must not store its older answer after it.
  let generation = 0;
  const keyFor = (context: GraphQLRequestContext<TContext>) =>
    createHash('sha256')
      .update(
        `${keyOf(context.contextValue)}\n${context.operationName ?? ''}\n${context.source ?? ''}\n${JSON.stringify(context.request.variables ?? {})}`,
      )
      .digest('base64url');

  return {
    async requestDidStart() {
      let outcome: 'hit' | 'miss' | null = null;
      let startedIn = generation;
      return {
        async responseForOperation(context) {
          if (settings.seconds <= 0 || context.operation.operation !== OperationTypeNode.QUERY) return null;
          startedIn = generation;
          const entry = entries.get(keyFor(context));
          if (!entry || entry.expiresAt <= now()) {
            outcome = 'miss';
            return null;
          }
          outcome = 'hit';
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: JSON.parse(entry.data) as Record<string, unknown> } },
          };
        },
        async willSendResponse(context) {
          const { body } = context.response;
          if (context.operation?.operation === OperationTypeNode.MUTATION) {
            generation += 1;
            entries.clear();
          }
          if (
            outcome === 'miss' &&
            startedIn === generation &&
            body.kind === 'single' &&
            body.singleResult.data &&
            !body.singleResult.errors?.length
          ) {
            if (entries.size >= settings.maxEntries) entries.delete(entries.keys().next().value!);
            entries.set(keyFor(context), { data: JSON.stringify(body.singleResult.data), expiresAt: now() + settings.seconds * 1000 });
          }
          if (outcome) context.response.http.headers.set(RESPONSE_CACHE_HEADER, outcome);
        },
      };
    },
  };
}
