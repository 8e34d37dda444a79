import { context, propagation } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import type { SubgraphName } from '../../common/config';
import { INTERNAL_IDENTITY_HEADER, signInternalIdentity } from '../../common/identity';
import { currentRequestId, REQUEST_ID_HEADER } from '../../common/request-id';
import type { Caller } from './auth';
import type { PeerAnswer, SubgraphPeers } from './subgraph';

/**
 * A typed client of one peer subgraph, on behalf of one caller. A rule that needs another
 * subgraph's data calls it explicitly (federation joins only what a client asked for), always
 * through one of these: each subgraph keeps its clients in `<subgraph>/peers/<peer>.client.ts`,
 * one method per question, with typed answers. A failure is reported as the peer being
 * unavailable, not as bad input.
 */
export abstract class PeerClient {
  /** The subgraph this client asks. */
  protected abstract readonly peer: SubgraphName;

  constructor(
    private readonly peers: SubgraphPeers,
    private readonly caller: Caller,
  ) {}

  protected query<TData>(query: string, variables: Record<string, unknown>): Promise<TData> {
    return queryPeer<TData>(this.peers, this.peer, this.caller, query, variables);
  }

  /**
   * Entities the peer owns or extends, by id, through its federation `_entities` field: one call
   * for all ids, answers in id order (null for an entity it does not know, or that the caller may
   * not see).
   */
  protected async entities<T>(typename: string, ids: readonly string[], selection: string): Promise<Array<T | null>> {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
    const representations = ids.map((id) => ({ __typename: typename, id }));
    const data = await queryPeer<{ _entities: Array<T | null> }>(
      this.peers,
      this.peer,
      this.caller,
      query,
      { r: representations },
      {
        tolerateCodes: ['FORBIDDEN'],
      },
    );
    return data._entities;
  }
}

async function queryPeer<TData>(
  peers: SubgraphPeers,
  peer: SubgraphName,
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
  options: { tolerateCodes?: string[] } = {},
): Promise<TData> {
  const unavailable = (detail: string) =>
    new GraphQLError(`The ${peer} subgraph could not answer: ${detail}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  let body: PeerAnswer;
  try {
    if (peers.inProcess) body = await peers.inProcess(peer, caller, query, variables);
    else body = await askOverHttp(peers.urls[peer], peers.internalSecret, caller, query, variables);
  } catch (error) {
    throw unavailable((error as Error).message);
  }
  const tolerated = (body.errors ?? []).every((e) =>
    options.tolerateCodes?.includes(typeof e.extensions?.code === 'string' ? e.extensions.code : ''),
  );
  if (!body.data || !tolerated) throw unavailable(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
  return body.data as TData;
}

async function askOverHttp(
  url: string,
  internalSecret: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
): Promise<PeerAnswer> {
  const requestId = currentRequestId();
  const body = JSON.stringify({ query, variables });
  // The request id travels on to the peer, so its log lines join the same request; so does the
  // trace context when tracing is on (Node's fetch is not instrumented by the http instrumentation).
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(caller.identity, internalSecret, body),
    ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
  };
  propagation.inject(context.active(), headers);
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as PeerAnswer;
}
