import type DataLoader from 'dataloader';
import { byIdLoader, groupLoader, valueLoader } from '../../kit/loaders';
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

  constructor(private readonly repository: AllocationRepository) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byAgreement = groupLoader((ids) => repository.findByAgreementIds(ids), (allocation) => allocation.agreementId);
    this.byLicence = groupLoader((ids) => repository.findByLicenceIds(ids), (allocation) => allocation.licenceId);
    this.bySecondary = groupLoader((ids) => repository.findBySecondaryIds(ids), (allocation) => allocation.secondaryId);
    this.byGrantor = groupLoader((ids) => repository.findGrantedBy(ids), (row) => row.grantorId);
    this.allocatedCoresOf = valueLoader((ids) => repository.allocatedCores(ids), 0);
  }

  find(id: string): Promise<LicenceAllocation | null> {
    return this.byId.load(id);
  }

  /** Allocations under an agreement; only those in force on `asOf` if given. */
  async underAgreement(agreementId: string, asOf: string | null = null): Promise<LicenceAllocation[]> {
    const allocations = await this.byAgreement.load(agreementId);
    return asOf ? allocations.filter((a) => inForceOn(a.startsOn, a.endsOn, asOf)) : allocations;
  }

  fromLicence(licenceId: string): Promise<LicenceAllocation[]> {
    return this.byLicence.load(licenceId);
  }

  receivedBy(partnerId: string): Promise<LicenceAllocation[]> {
    return this.bySecondary.load(partnerId);
  }

  async grantedBy(partnerId: string): Promise<LicenceAllocation[]> {
    return (await this.byGrantor.load(partnerId)).map((row) => row.allocation);
  }

  activeAllocatedCores(): Promise<number> {
    return this.repository.activeAllocatedCores();
  }

  /** Cores of the licence in ACTIVE allocations. */
  allocatedCores(licenceId: string): Promise<number> {
    return this.allocatedCoresOf.load(licenceId);
  }
}
