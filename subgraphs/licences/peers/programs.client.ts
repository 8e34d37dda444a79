import type { Caller } from '../../kit/auth';
import { peerEntities } from '../../kit/peer-client';
import type { SubgraphPeers } from '../../kit/subgraph';

export interface PartnerStanding {
  exists: boolean;
  channelStatus: string;
}

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
    const [directory, standing] = await Promise.all([
      peerEntities<{ id: string }>(this.peers, 'partners', this.caller, 'Partner', partnerIds, 'id'),
      peerEntities<{ channelStatus: string }>(this.peers, 'programs', this.caller, 'Partner', partnerIds, 'channelStatus'),
    ]);
    return new Map(
      partnerIds.map((id, index) => [
        id,
        { exists: directory[index] !== null, channelStatus: standing[index]?.channelStatus ?? 'NOT_ENROLLED' },
      ]),
    );
  }
}
