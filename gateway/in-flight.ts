import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Identity } from '../common/identity';

/**
 * Subgraph fields whose answer depends on exactly who asks (the token's subject), not only on what
 * the caller may see: `viewer` returns the subject. Writes read it too, and are never shared.
 */
const SUBJECT_DEPENDENT = /\bviewer\b/;

/**
 * With whom a subgraph read may be shared: callers whose visible data is the same. Every subgraph
 * decides scope from the caller's role and partner alone (subgraphs/kit/auth.ts, kit/scope.ts);
 * the subject is read only by `viewer` and by writes (gateway/in-flight.spec.ts checks that no
 * other subgraph code reads it). So the analysts share with analysts, the channel team with the
 * channel team, a partner's PRIMARY users and tools with each other, and never across roles or
 * partners; a read that asks for `viewer` is shared by the same subject only.
 */
export function sharingKey(identity: Identity, query: string): string {
  const subject = SUBJECT_DEPENDENT.test(query) ? identity.subject : '';
  return JSON.stringify([identity.role, identity.partnerId ?? null, subject]);
}

interface SharedRead {
  response: Promise<GatewayGraphQLResponse>;
  /** Callers that joined the first one, each waiting for its own copy. */
  joiners: Array<{ resolve(response: GatewayGraphQLResponse): void; reject(error: unknown): void }>;
}

/**
 * Identical subgraph reads in flight at the same moment share one fetch: when many callers who see
 * the same data ask the same thing at once (a dashboard opened by a team, analysts on the headline),
 * a subgraph answers it once. The gateway merges later fetches into an answer, so the first caller
 * keeps the original and every caller that joined gets its own copy, made before anyone receives
 * the answer: a read nobody joined costs no copy. Keys must include `sharingKey` (whose data);
 * writes must never be shared.
 */
export class InFlightReads {
  private readonly pending = new Map<string, SharedRead>();

  /** `copy` makes a joiner's own copy of an answer (by default a structured clone of its data, errors and extensions). */
  constructor(private readonly copy: (response: GatewayGraphQLResponse) => GatewayGraphQLResponse = copyOf) {}

  share(key: string, fetch: () => Promise<GatewayGraphQLResponse>): Promise<GatewayGraphQLResponse> {
    const inFlight = this.pending.get(key);
    if (inFlight) return new Promise((resolve, reject) => inFlight.joiners.push({ resolve, reject }));
    const read: SharedRead = {
      joiners: [],
      response: fetch().then(
        (response) => {
          this.pending.delete(key);
          for (const joiner of read.joiners) joiner.resolve(this.copy(response));
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

export function copyOf(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  return {
    ...response,
    data: structuredClone(response.data),
    errors: structuredClone(response.errors),
    extensions: structuredClone(response.extensions),
  };
}
