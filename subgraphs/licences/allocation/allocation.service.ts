import type DataLoader from 'dataloader';
import { forbidden, partnerOf, readsEverything, type Caller } from '../../kit/auth';
import { ownsOrReadsAll, visibleOnly, visibleOrNull } from '../../kit/scope';
import type { Licence } from '../licence/licence.entity';
import { byIdLoader, groupLoader, valueLoader } from '../../kit/loaders';
import type { AgreementService } from '../agreement/agreement.service';
import { inForceOn } from '../../kit/validity';
import type { LicenceAllocation } from './allocation.entity';
import type { AllocationRepository } from './allocation.repository';

export class AllocationService {
  private readonly byId: DataLoader<string, LicenceAllocation | null>;
  private readonly byAgreement: DataLoader<string, LicenceAllocation[]>;
  private readonly byLicence: DataLoader<string, LicenceAllocation[]>;
  private readonly bySecondary: DataLoader<string, LicenceAllocation[]>;
  private readonly byGrantor: DataLoader<string, Array<{ grantorId: string; allocation: LicenceAllocation }>>;
  private readonly allocatedCoresOf: DataLoader<string, number>;

  constructor(
    private readonly repository: AllocationRepository,
    private readonly agreements: AgreementService,
    private readonly caller: Caller,
  ) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byAgreement = groupLoader(
      (ids) => repository.findByAgreementIds(ids),
      (allocation) => allocation.agreementId,
    );
    this.byLicence = groupLoader(
      (ids) => repository.findByLicenceIds(ids),
      (allocation) => allocation.licenceId,
    );
    this.bySecondary = groupLoader(
      (ids) => repository.findBySecondaryIds(ids),
      (allocation) => allocation.secondaryId,
    );
    this.byGrantor = groupLoader(
      (ids) => repository.findGrantedBy(ids),
      (row) => row.grantorId,
    );
    this.allocatedCoresOf = valueLoader((ids) => repository.allocatedCores(ids), 0);
  }

  async find(id: string): Promise<LicenceAllocation | null> {
    return visibleOrNull(await this.byId.load(id), (allocation) => this.agreements.mayReadAgreementOf(allocation.agreementId));
  }

  /** An allocation is visible with its agreement: to the primary whose licence it uses and the secondary that received it. */
  private async visible(allocations: LicenceAllocation[]): Promise<LicenceAllocation[]> {
    if (readsEverything(this.caller)) return allocations;
    return visibleOnly(allocations, (allocation) => this.agreements.mayReadAgreementOf(allocation.agreementId));
  }

  /** Allocations under an agreement; only those in force on `asOf` if given. */
  async underAgreement(agreementId: string, asOf: string | null = null): Promise<LicenceAllocation[]> {
    const allocations = await this.visible(await this.byAgreement.load(agreementId));
    return asOf ? allocations.filter((a) => inForceOn(a.startsOn, a.endsOn, asOf)) : allocations;
  }

  async fromLicence(licenceId: string): Promise<LicenceAllocation[]> {
    return this.visible(await this.byLicence.load(licenceId));
  }

  async receivedBy(partnerId: string): Promise<LicenceAllocation[]> {
    return this.visible(await this.bySecondary.load(partnerId));
  }

  async grantedBy(partnerId: string): Promise<LicenceAllocation[]> {
    return this.visible((await this.byGrantor.load(partnerId)).map((row) => row.allocation));
  }

  /** Ids of every allocation made from a partner's licences: the customers subgraph scopes a primary's contracts with them. */
  async idsGrantedBy(partnerId: string): Promise<string[]> {
    if (!readsEverything(this.caller) && partnerId !== partnerOf(this.caller)) {
      throw forbidden(
        `Allocations granted by partner "${partnerId}" are outside what ${this.caller.identity.role} partner ${this.caller.identity.partnerId} may see.`,
      );
    }
    return (await this.byGrantor.load(partnerId)).map((row) => row.allocation.id);
  }

  activeAllocatedCores(): Promise<number> {
    return this.repository.activeAllocatedCores();
  }

  /**
   * Cores of the licence in ACTIVE allocations: the holder's figure. A secondary sees the licence
   * its cores come from, but the total would tell what the primary allocated to its other
   * secondaries: withheld, like another partner's licensedCores.
   */
  allocatedCores(licence: Pick<Licence, 'id' | 'holderId'>): Promise<number> {
    if (!ownsOrReadsAll(this.caller, licence.holderId)) {
      throw forbidden(
        `allocatedCores and availableCores of licence "${licence.id}" are its holder's figures: the ${this.caller.identity.role} role sees them for its own licences only.`,
      );
    }
    return this.allocatedCoresOf.load(licence.id);
  }
}
