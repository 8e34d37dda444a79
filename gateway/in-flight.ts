import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

interface SharedRead {
  response: Promise<GatewayGraphQLResponse>;
  /** Callers that joined the first one, each waiting for its own copy. */
  joiners: Array<{ resolve(response: GatewayGraphQLResponse): void; reject(error: unknown): void }>;
}

/**
 * Identical subgraph reads in flight at the same moment share one fetch: when many callers with
 * the same identity ask the same thing at once (a dashboard opened by a team), a subgraph answers
 * it once. The gateway merges later fetches into an answer, so the first caller keeps the original
 * and every caller that joined gets its own copy, made before anyone receives the answer: a read
 * nobody joined costs no copy. Keys must include who asks; writes must never be shared.
 */
export class InFlightReads {
  private readonly pending = new Map<string, SharedRead>();

  share(key: string, fetch: () => Promise<GatewayGraphQLResponse>): Promise<GatewayGraphQLResponse> {
    const inFlight = this.pending.get(key);
    if (inFlight) return new Promise((resolve, reject) => inFlight.joiners.push({ resolve, reject }));
    const read: SharedRead = {
      joiners: [],
      response: fetch().then(
        (response) => {
          this.pending.delete(key);
          for (const joiner of read.joiners) joiner.resolve(copyOf(response));
          return response;
        },
        (error: unknown) => {
          this.pending.delete(key);
          for (const joiner of read.joiners) joiner.reject(error);
          throw error;
        },
      ),
    };
    this.pending.set(key, read);
    return read.response;
  }

  get size(): number {
    return this.pending.size;
  }
}

function copyOf(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  return {
    ...response,
    data: structuredClone(response.data),
    errors: structuredClone(response.errors),
    extensions: structuredClone(response.extensions),
  };
}
