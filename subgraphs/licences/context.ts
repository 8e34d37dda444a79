import type { DataSource } from 'typeorm';
import { AgreementRepository } from './agreement/agreement.repository';
import { AgreementService } from './agreement/agreement.service';
import { AllocationRepository } from './allocation/allocation.repository';
import { AllocationService } from './allocation/allocation.service';
import { LicenceRepository } from './licence/licence.repository';
import { LicenceService } from './licence/licence.service';

export interface LicencesContext {
  licences: LicenceService;
  agreements: AgreementService;
  allocations: AllocationService;
}

export function createLicencesContext(dataSource: DataSource): LicencesContext {
  return {
    licences: new LicenceService(new LicenceRepository(dataSource)),
    agreements: new AgreementService(new AgreementRepository(dataSource)),
    allocations: new AllocationService(new AllocationRepository(dataSource)),
  };
}
