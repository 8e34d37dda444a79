import { GraphQLError } from 'graphql';
import type { SubgraphName } from '../../common/config';
import type { SubgraphPeers } from './subgraph';

/**
 * Calls another subgraph directly, for a rule that needs its data (DESIGN: "or calls that
 * subgraph explicitly"). A failure is reported as the peer being unavailable, not as bad input.
 */
export async function queryPeer<TData>(
  peers: SubgraphPeers,
  peer: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
): Promise<TData> {
  const unavailable = (detail: string) =>
    new GraphQLError(`The ${peer} subgraph could not answer: ${detail}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  let body: { data?: TData; errors?: Array<{ message: string }> };
  try {
    const response = await fetch(peers.urls[peer], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw unavailable((error as Error).message);
  }
  if (body.errors?.length || !body.data) throw unavailable(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
  return body.data;
}
