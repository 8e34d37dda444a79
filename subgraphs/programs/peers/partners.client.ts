import type { SubgraphName } from '../../../common/config';
import { PeerClient } from '../../kit/peer-client';

/** What the programs subgraph asks the partners subgraph, which owns the directory. */
export class PartnersClient extends PeerClient {
  protected readonly peer: SubgraphName = 'partners';

  /** Every partner of the directory, in id order. */
  async allIds(): Promise<string[]> {
    return (await this.query<{ partnerIds: string[] }>('query PartnerIds { partnerIds }', {})).partnerIds;
  }

  /** Those of the partners that are in the directory. */
  async existing(partnerIds: readonly string[]): Promise<Set<string>> {
    const found = await this.entities<{ id: string }>('Partner', partnerIds, 'id');
    return new Set(found.flatMap((partner) => (partner ? [partner.id] : [])));
  }
}
