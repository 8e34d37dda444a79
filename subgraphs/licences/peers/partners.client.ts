import type { SubgraphName } from '../../../common/config';
import { PeerClient } from '../../kit/peer-client';

/** What the licences subgraph asks the partners subgraph, which owns the directory. */
export class PartnersClient extends PeerClient {
  protected readonly peer: SubgraphName = 'partners';

  /** Those of the partners that are in the directory. */
  async existing(partnerIds: readonly string[]): Promise<Set<string>> {
    const found = await this.entities<{ id: string }>('Partner', partnerIds, 'id');
    return new Set(found.flatMap((partner) => (partner ? [partner.id] : [])));
  }
}
