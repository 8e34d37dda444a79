import { connectionFromSorted, pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import type { LicenceService } from '../licence/licence.service';
import type { LicensingPartner } from '../partner/partner.type';

export interface ThresholdSplit {
  /** Partners at or above the threshold, most licensed cores first. */
  qualifying: Array<{ id: string; cores: number }>;
  /** Partners holding or having held a licence, below the threshold, most cores first. */
  nonQualifying: Array<{ id: string; cores: number }>;
}

/** Splits the licensed partners at a threshold of licensed cores (ACTIVE licences). */
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
