import type { SubgraphName } from '../../../common/config';
import { ChannelStatus } from '../../kit/channel-status';
import { PeerClient } from '../../kit/peer-client';

const IDS_WITH_STATUS = `query PartnerIdsWithChannelStatus($status: ChannelStatus!) { partnerIdsWithChannelStatus(status: $status) }`;

/** What the partners subgraph asks the programs subgraph, which owns the channel-status rule. */
export class ProgramsClient extends PeerClient {
  protected readonly peer: SubgraphName = 'programs';

  /** The partners with a channel status today. */
  async partnerIdsWithStatus(status: ChannelStatus): Promise<string[]> {
    const data = await this.query<{ partnerIdsWithChannelStatus: string[] }>(IDS_WITH_STATUS, { status });
    return data.partnerIdsWithChannelStatus;
  }

  /** Partners with any status but NOT_ENROLLED: programs knows only partners with memberships, all others are NOT_ENROLLED. */
  async enrolledPartnerIds(): Promise<string[]> {
    const enrolled = Object.values(ChannelStatus).filter((status) => status !== ChannelStatus.NOT_ENROLLED);
    return (await Promise.all(enrolled.map((status) => this.partnerIdsWithStatus(status)))).flat();
  }
}
