import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/auth';
import type { SubgraphPeers } from '../kit/subgraph';
import { AgreementRepository } from './agreement/agreement.repository';
import { AgreementService } from './agreement/agreement.service';
import { AgreementWrites } from './agreement/agreement.writes';
import { PartnersClient } from './peers/partners.client';
import { ProgramsClient } from './peers/programs.client';
import { AllocationRepository } from './allocation/allocation.repository';
import { AllocationService } from './allocation/allocation.service';
import { AllocationWrites } from './allocation/allocation.writes';
import { AuditTrailService } from '../kit/writes/audit-trail';
import type { WriteSettings } from '../kit/writes/writer';
import { writeKit } from '../kit/writes/record-writes';
import { LicenceRepository } from './licence/licence.repository';
import { LicenceService } from './licence/licence.service';
import { LicenceWrites } from './licence/licence.writes';
import { ResellerNetworkService } from './network/network.service';
import { ThresholdScenarioService } from './scenario/scenario.service';

export interface LicencesContext {
  caller: Caller;
  licences: LicenceService;
  agreements: AgreementService;
  allocations: AllocationService;
  scenarios: ThresholdScenarioService;
  networks: ResellerNetworkService;
  allocationWrites: AllocationWrites;
  agreementWrites: AgreementWrites;
  licenceWrites: LicenceWrites;
  audit: AuditTrailService;
}

export function createLicencesContext(
  dataSource: DataSource,
  peers: SubgraphPeers,
  caller: Caller,
  writes: WriteSettings,
): LicencesContext {
  const allocationRepository = new AllocationRepository(dataSource);
  const kit = writeKit(dataSource, caller, writes);
  const partners = new PartnersClient(peers, caller);
  const licences = new LicenceService(new LicenceRepository(dataSource), allocationRepository, caller);
  const agreements = new AgreementService(new AgreementRepository(dataSource), caller);
  const allocations = new AllocationService(allocationRepository, agreements, caller);
  return {
    caller,
    licences,
    agreements,
    allocations,
    scenarios: new ThresholdScenarioService(licences),
    networks: new ResellerNetworkService(agreements, allocations, partners, caller),
    allocationWrites: new AllocationWrites(kit, { repository: allocationRepository }),
    agreementWrites: new AgreementWrites(kit, { partners, programs: new ProgramsClient(peers, caller) }),
    licenceWrites: new LicenceWrites(kit, { partners }),
    audit: new AuditTrailService(dataSource, caller),
  };
}
