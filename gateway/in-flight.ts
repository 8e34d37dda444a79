import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

/**
 * Identical subgraph reads in flight at the same moment share one fetch: when many callers with
 * the same identity ask the same thing at once (a dashboard opened by a team), a subgraph answers
 * it once. Each caller gets its own copy of the answer, since the gateway merges later fetches
 * into it. Keys must include who asks; writes must never be shared.
 */
export class InFlightReads {
  private readonly pending = new Map<string, Promise<GatewayGraphQLResponse>>();

  async share(key: string, fetch: () => Promise<GatewayGraphQLResponse>): Promise<GatewayGraphQLResponse> {
    let shared = this.pending.get(key);
    if (!shared) {
      shared = fetch().finally(() => this.pending.delete(key));
      this.pending.set(key, shared);
    }
    const response = await shared;
    return { ...response, data: structuredClone(response.data), errors: structuredClone(response.errors), extensions: structuredClone(response.extensions) };
  }

  get size(): number {
    return this.pending.size;
  }
}
