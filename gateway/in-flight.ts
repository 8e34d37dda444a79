import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { OperationTypeNode } from 'graphql';
import type { Identity } from '../common/identity';
import { operationKey, type OperationAsSent } from './operation-key';

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

/**
 * The writes this gateway has answered. Shared reads are keyed by the count, so a read that starts
 * after a write was answered never joins one that started before it: whoever wrote reads its write.
 * (A write through another gateway is seen as any concurrent write is: a read that starts after it
 * may join a read already in flight here for as long as that read takes.)
 */
export class AnsweredWrites {
  private count = 0;

  get current(): number {
    return this.count;
  }

  answered(): void {
    this.count += 1;
  }
}

/** One key per identical operation of callers who see the same data, between two answered writes. */
export function sharedOperationKey(sharing: string, writes: AnsweredWrites, operation: OperationAsSent): string {
  return operationKey(`${sharing}\n${writes.current}`, operation);
}

/** What an answer shared in flight carries: its data (only answers without errors are shared). */
type SharedAnswer = Record<string, unknown> | null;

interface AnswerInFlight {
  answer: Promise<SharedAnswer>;
  startedAt: number;
}

/**
 * Whole answers shared in flight: a query operation identical to one already being executed (same
 * document, operation name and variables) for a caller who sees the same data (`sharingKey`), with
 * no write answered in between (`AnsweredWrites`), waits for that one and is answered with its
 * data, instead of planning, fetching, merging and copying it all again. It runs after
 * authentication, the persisted-query and hostile-query checks, demand control and the rate limit
 * (per request, earlier hooks), so every caller is still checked and counted. The supergraph's
 * `@requiresScopes` authorization runs later, inside execution, and a joiner skips it: that is
 * sound only because it decides by the role alone, which `sharingKey` holds (gateway/authorization.ts).
 * Only an answer without errors is shared (a joiner whose leader had errors, or did not answer
 * within `joinWaitMs`, is executed on its own); mutations never. The data object is shared as it
 * is: Apollo Server only serialises it.
 */
export function inFlightAnswersPlugin<TContext extends BaseContext>(
  identityOf: (context: TContext) => Identity,
  writes: AnsweredWrites,
  joinWaitMs: number,
  now: () => number = Date.now,
): ApolloServerPlugin<TContext> {
  const pending = new Map<string, AnswerInFlight>();
  return {
    async requestDidStart() {
      let lead: { key: string; inFlight: AnswerInFlight; settle: (answer: SharedAnswer) => void } | null = null;
      const settleLead = (answer: SharedAnswer) => {
        if (!lead) return;
        if (pending.get(lead.key) === lead.inFlight) pending.delete(lead.key);
        lead.settle(answer);
        lead = null;
      };
      return {
        async responseForOperation(context) {
          if (context.operation.operation !== OperationTypeNode.QUERY) return null;
          const source = context.source ?? '';
          const key = sharedOperationKey(sharingKey(identityOf(context.contextValue), source), writes, {
            operationName: context.operationName,
            source,
            variables: context.request.variables,
          });
          const inFlight = pending.get(key);
          const waitLeft = inFlight ? inFlight.startedAt + joinWaitMs - now() : 0;
          if (!inFlight || waitLeft <= 0) {
            let settle: (answer: SharedAnswer) => void = () => undefined;
            const started: AnswerInFlight = { answer: new Promise<SharedAnswer>((resolve) => (settle = resolve)), startedAt: now() };
            pending.set(key, started);
            lead = { key, inFlight: started, settle };
            return null;
          }
          let timer: NodeJS.Timeout | undefined;
          const data = await Promise.race([
            inFlight.answer,
            new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitLeft))),
          ]);
          clearTimeout(timer);
          if (data === null) return null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
        async didEncounterErrors() {
          settleLead(null);
        },
        async willSendResponse(context) {
          if (context.operation?.operation === OperationTypeNode.MUTATION) writes.answered();
          const { body } = context.response;
          settleLead(body.kind === 'single' && body.singleResult.data && !body.singleResult.errors?.length ? body.singleResult.data : null);
        },
      };
    },
  };
}
