import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Errors as the caller asked: each once, and none about a field it did not select. The query
 * planner may fetch one field twice (a field asked, and the same field again for another's
 * `@requires`), and a subgraph's refusal then comes back once per fetch, or at the path of a field
 * only the planner asked for (`licensedCores` behind `meetsAdvantageThreshold`). A refusal
 * (FORBIDDEN) of a field the operation did not select says nothing the caller asked about (the
 * field that needed it carries its own); any other error there stays, so a failure is never hidden.
 */
export function errorsAsAsked<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          const kept = keptErrors(result.errors ?? [], result.data);
          if (kept.length !== result.errors?.length) result.errors = kept.length > 0 ? kept : undefined;
        },
      };
    },
  };
}

/** The errors without repeats and without refusals of fields absent from the answer's data. */
export function keptErrors(errors: readonly GraphQLFormattedError[], data: unknown): GraphQLFormattedError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = JSON.stringify([error.message, error.path ?? null, error.extensions?.code ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return !(error.extensions?.code === 'FORBIDDEN' && error.path && notSelected(data, error.path));
  });
}

/** Whether the path ends in a field the operation did not select: its parent object is in the data, without that key. */
function notSelected(data: unknown, path: ReadonlyArray<string | number>): boolean {
  let parent: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return false;
    parent = (parent as Record<string | number, unknown>)[key];
  }
  const last = path.at(-1);
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && typeof last === 'string' && !(last in parent);
}
