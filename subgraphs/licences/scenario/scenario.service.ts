import { connectionFromSorted, pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import type { LicenceService } from '../licence/licence.service';
import type { LicensingPartner } from '../partner/partner.type';

export interface ThresholdSplit {
  /** Partners at or above the threshold, most licensed cores first. */
  qualifying: Array<{ id: string; cores: number }>;
  /** Partners holding a licence in force today, below the threshold, most cores first. */
  nonQualifying: Array<{ id: string; cores: number }>;
}

/**
 * Splits a threshold's population at a number of licensed cores. The population is the partners
 * holding a licence from the vendor in force today: the threshold judges vendor licensees, so a
 * secondary whose own licences expired (it buys cores from a primary) is not in it.
 */
export class ThresholdScenarioService {
  constructor(private readonly licences: LicenceService) {}

  async split(minLicensedCores: number): Promise<ThresholdSplit> {
    const holders = (await this.licences.licensedCoresOfAllHolders())
      .map((holder) => ({ id: holder.partnerId, cores: holder.cores }))
      .sort((a, b) => b.cores - a.cores || a.id.localeCompare(b.id));
    return {
      qualifying: holders.filter((holder) => holder.cores >= minLicensedCores),
      nonQualifying: holders.filter((holder) => holder.cores < minLicensedCores),
    };
  }

  page(partners: Array<{ id: string; cores: number }>, page: PageArgs): Connection<LicensingPartner> {
    const byId = new Map(partners.map((p) => [p.id, p.cores]));
    return connectionFromSorted(
      partners.map(({ id }) => ({ id })),
      pageRequest(page),
      (partner) => [byId.get(partner.id)!, partner.id],
    );
  }
}
