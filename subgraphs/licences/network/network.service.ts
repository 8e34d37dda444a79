import { today } from '../../../common/dates';
import { forbidden, partnerOf, type Caller } from '../../kit/auth';
import { ownsOrReadsAll } from '../../kit/scope';
import type { AgreementService } from '../agreement/agreement.service';
import type { AllocationService } from '../allocation/allocation.service';
import type { PartnersClient } from '../peers/partners.client';
import { WhiteLabelRole } from '../../kit/white-label-role';
import type { ResellerBranch, ResellerNetwork } from './network.type';

export class ResellerNetworkService {
  constructor(
    private readonly agreements: AgreementService,
    private readonly allocations: AllocationService,
    private readonly partners: PartnersClient,
    private readonly caller: Caller,
  ) {}

  /**
   * The agreements and allocations in force on the day (today when `asOf` is null). A primary sees
   * its own network only; a partner not in the directory has none (null, as any record asked by a
   * nonexistent id), rather than an empty network around a reference to nobody.
   */
  async ofPrimary(primaryId: string, asOf: string | null): Promise<ResellerNetwork | null> {
    // The partner is in the public directory: its network is withheld (FORBIDDEN), like its licensedCores.
    if (!ownsOrReadsAll(this.caller, primaryId)) {
      throw forbidden(
        `resellerNetwork is licence data of one primary: the ${this.caller.identity.role} role sees only its own partner's network.`,
      );
    }
    // The caller's own partner is in the directory (the gateway admits no credentials naming another).
    if (primaryId !== partnerOf(this.caller) && !(await this.partners.existing([primaryId])).has(primaryId)) return null;
    const day = asOf ?? today();
    const agreements = await this.agreements.ofPartner(primaryId, WhiteLabelRole.PRIMARY, day);
    const secondaries: ResellerBranch[] = await Promise.all(
      agreements.map(async (agreement) => {
        const allocations = await this.allocations.underAgreement(agreement.id, day);
        return {
          secondary: { id: agreement.secondaryId },
          agreement,
          allocatedCores: allocations.reduce((sum, allocation) => sum + allocation.cores, 0),
          allocations,
        };
      }),
    );
    return {
      primary: { id: primaryId },
      asOf,
      allocatedCores: secondaries.reduce((sum, branch) => sum + branch.allocatedCores, 0),
      secondaries,
    };
  }
}
