import { GraphQLError } from 'graphql';
import type { SubgraphName } from '../../common/config';
import { INTERNAL_IDENTITY_HEADER } from '../../common/identity';
import type { Caller } from './auth';
import type { SubgraphPeers } from './subgraph';

/**
 * Calls another subgraph directly, for a rule that needs its data (DESIGN: "or calls that
 * subgraph explicitly"), on behalf of the same caller. A failure is reported as the peer being
 * unavailable, not as bad input.
 */
export async function queryPeer<TData>(
  peers: SubgraphPeers,
  peer: SubgraphName,
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
  options: { tolerateCodes?: string[] } = {},
): Promise<TData> {
  const unavailable = (detail: string) =>
    new GraphQLError(`The ${peer} subgraph could not answer: ${detail}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  let body: { data?: TData; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    const response = await fetch(peers.urls[peer], {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: caller.token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw unavailable((error as Error).message);
  }
  const tolerated = (body.errors ?? []).every((e) => options.tolerateCodes?.includes(e.extensions?.code ?? ''));
  if (!body.data || !tolerated) throw unavailable(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
  return body.data;
}

/**
 * Resolves entities another subgraph owns or extends, by id, through its federation `_entities`
 * field: one call for all ids, answers in id order (null for an entity it does not know, or that
 * the caller may not see).
 */
export async function peerEntities<T>(
  peers: SubgraphPeers,
  peer: SubgraphName,
  caller: Caller,
  typename: string,
  ids: readonly string[],
  selection: string,
): Promise<Array<T | null>> {
  const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
  const data = await queryPeer<{ _entities: Array<T | null> }>(peers, peer, caller, query, { r: ids.map((id) => ({ __typename: typename, id })) }, { tolerateCodes: ['FORBIDDEN'] });
  return data._entities;
}
