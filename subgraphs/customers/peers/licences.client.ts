import type { SubgraphName } from '../../../common/config';
import { PeerClient } from '../../kit/peer-client';

/** A licence as the licences subgraph answers for a contract's rules. */
export interface PeerLicence {
  id: string;
  status: string;
  holder: { id: string };
}

/** An allocation as the licences subgraph answers for a contract's rules. */
export interface PeerAllocation {
  id: string;
  cores: number;
  status: string;
  secondary: { id: string };
}

const GRANTED = 'query AllocationIdsGrantedBy($partnerId: ID!) { allocationIdsGrantedBy(partnerId: $partnerId) }';

/** What the customers subgraph asks the licences subgraph, which owns licences and allocations. */
export class LicencesClient extends PeerClient {
  protected readonly peer: SubgraphName = 'licences';

  /** The licence, or null when it does not exist or the caller may not use it. */
  async licence(licenceId: string): Promise<PeerLicence | null> {
    const [licence] = await this.entities<PeerLicence>('Licence', [licenceId], 'id status holder { id }');
    return licence ?? null;
  }

  /** The allocation, or null when it does not exist or the caller may not use it. */
  async allocation(allocationId: string): Promise<PeerAllocation | null> {
    const [allocation] = await this.entities<PeerAllocation>('LicenceAllocation', [allocationId], 'id cores status secondary { id }');
    return allocation ?? null;
  }

  /** The allocations made from a primary's licences. */
  async allocationIdsGrantedBy(partnerId: string): Promise<string[]> {
    const data = await this.query<{ allocationIdsGrantedBy: string[] }>(GRANTED, { partnerId });
    return data.allocationIdsGrantedBy;
  }
}
