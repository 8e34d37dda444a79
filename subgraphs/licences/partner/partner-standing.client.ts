import type { Caller } from '../../kit/auth';
import { queryPeer } from '../../kit/peer-client';
import type { SubgraphPeers } from '../../kit/subgraph';

export interface PartnerStanding {
  exists: boolean;
  channelStatus: string;
}

const DIRECTORY = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id } } }';
const STANDING = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id channelStatus } } }';

/**
 * A rule that needs other subgraphs' data asks them, on the caller's behalf: the partners
 * subgraph whether a partner exists, the programs subgraph its channel status.
 */
export class PartnerStandingClient {
  constructor(
    private readonly peers: SubgraphPeers,
    private readonly caller: Caller,
  ) {}

  async of(partnerIds: string[]): Promise<Map<string, PartnerStanding>> {
    const representations = partnerIds.map((id) => ({ __typename: 'Partner', id }));
    const [directory, standing] = await Promise.all([
      queryPeer<{ _entities: Array<{ id: string } | null> }>(this.peers, 'partners', this.caller, DIRECTORY, { r: representations }),
      queryPeer<{ _entities: Array<{ id: string; channelStatus: string } | null> }>(this.peers, 'programs', this.caller, STANDING, { r: representations }),
    ]);
    return new Map(
      partnerIds.map((id, index) => [id, { exists: directory._entities[index] !== null, channelStatus: standing._entities[index]?.channelStatus ?? 'NOT_ENROLLED' }]),
    );
  }
}
