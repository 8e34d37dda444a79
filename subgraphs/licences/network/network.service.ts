import { forbidden, type Caller } from '../../kit/auth';
import { ownsOrReadsAll } from '../../kit/scope';
import { AgreementStatus } from '../agreement/agreement.entity';
import { AllocationStatus } from '../allocation/allocation.entity';
import type { AgreementService } from '../agreement/agreement.service';
import type { AllocationService } from '../allocation/allocation.service';
import { WhiteLabelRole } from '../../kit/white-label-role';
import type { ResellerBranch, ResellerNetwork } from './network.type';

export class ResellerNetworkService {
  constructor(
    private readonly agreements: AgreementService,
    private readonly allocations: AllocationService,
    private readonly caller: Caller,
  ) {}

  /** Today: ACTIVE agreements and allocations. As of a day: those in force then. A primary sees its own network only. */
  async ofPrimary(primaryId: string, asOf: string | null): Promise<ResellerNetwork> {
    // The partner is in the public directory: its network is withheld (FORBIDDEN), like its licensedCores.
    if (!ownsOrReadsAll(this.caller, primaryId)) {
      throw forbidden(
        `resellerNetwork is licence data of one primary: the ${this.caller.identity.role} role sees only its own partner's network.`,
      );
    }
    const agreements = (await this.agreements.ofPartner(primaryId, WhiteLabelRole.PRIMARY, asOf)).filter(
      (agreement) => asOf !== null || agreement.status === AgreementStatus.ACTIVE,
    );
    const secondaries: ResellerBranch[] = await Promise.all(
      agreements.map(async (agreement) => {
        const allocations = (await this.allocations.underAgreement(agreement.id, asOf)).filter(
          (allocation) => asOf !== null || allocation.status === AllocationStatus.ACTIVE,
        );
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
