import type { SubgraphName } from '../../../common/config';
import { PeerClient } from '../../kit/peer-client';

/** What the programs subgraph asks the licences subgraph, which owns licensed cores. */
export class LicencesClient extends PeerClient {
  protected readonly peer: SubgraphName = 'licences';

  /** The partner's licensed cores now (0 when it holds no licence). */
  async licensedCores(partnerId: string): Promise<number> {
    const [partner] = await this.entities<{ licensedCores: number | null }>('Partner', [partnerId], 'licensedCores');
    return partner?.licensedCores ?? 0;
  }
}
