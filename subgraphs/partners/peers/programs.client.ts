import { ChannelStatus } from '../../kit/channel-status';
import type { Caller } from '../../kit/auth';
import { queryPeer } from '../../kit/peer-client';
import type { SubgraphPeers } from '../../kit/subgraph';

const IDS_WITH_STATUS = `query PartnerIdsWithChannelStatus($status: ChannelStatus!) { partnerIdsWithChannelStatus(status: $status) }`;

/** Asks the programs subgraph, which owns the channel-status rule, which partners have a status. */
export class ChannelStatusClient {
  constructor(
    private readonly peers: SubgraphPeers,
    private readonly caller: Caller,
  ) {}

  async partnerIds(status: ChannelStatus): Promise<string[]> {
    const data = await queryPeer<{ partnerIdsWithChannelStatus: string[] }>(this.peers, 'programs', this.caller, IDS_WITH_STATUS, {
      status,
    });
    return data.partnerIdsWithChannelStatus;
  }

  /** Partners with any status but NOT_ENROLLED: programs knows only partners with memberships, all others are NOT_ENROLLED. */
  async enrolledPartnerIds(): Promise<string[]> {
    const enrolled = Object.values(ChannelStatus).filter((status) => status !== ChannelStatus.NOT_ENROLLED);
    return (await Promise.all(enrolled.map((status) => this.partnerIds(status)))).flat();
  }
}
