import type { SubgraphName } from '../../../common/config';
import { ChannelStatus } from '../../kit/channel-status';
import { PeerClient } from '../../kit/peer-client';

/** What the licences subgraph asks the programs subgraph, which owns the channel-status rule. */
export class ProgramsClient extends PeerClient {
  protected readonly peer: SubgraphName = 'programs';

  /** Each partner's channel status today. */
  async channelStatuses(partnerIds: readonly string[]): Promise<Map<string, ChannelStatus>> {
    const found = await this.entities<{ channelStatus: ChannelStatus }>('Partner', partnerIds, 'channelStatus');
    return new Map(partnerIds.map((id, index) => [id, found[index]?.channelStatus ?? ChannelStatus.NOT_ENROLLED]));
  }
}
