import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/auth';
import type { SubgraphPeers } from '../kit/subgraph';
import { ApiKeyRepository } from './api-key/api-key.repository';
import { ApiKeyService } from './api-key/api-key.service';
import { ProgramsClient } from './peers/programs.client';
import { PartnerRepository } from './partner/partner.repository';
import { PartnerService } from './partner/partner.service';
import { PartnerWrites } from './partner/partner.writes';
import { AuditTrailService } from '../kit/writes/audit-trail';
import type { WriteSettings } from '../kit/writes/writer';
import { writeKit } from '../kit/writes/record-writes';

export interface PartnersContext {
  caller: Caller;
  partners: PartnerService;
  apiKeys: ApiKeyService;
  partnerWrites: PartnerWrites;
  audit: AuditTrailService;
}

export function createPartnersContext(
  dataSource: DataSource,
  peers: SubgraphPeers,
  caller: Caller,
  writes: WriteSettings,
): PartnersContext {
  const partnerRepository = new PartnerRepository(dataSource);
  return {
    caller,
    partners: new PartnerService(partnerRepository, new ProgramsClient(peers, caller)),
    apiKeys: new ApiKeyService(new ApiKeyRepository(dataSource), partnerRepository),
    partnerWrites: new PartnerWrites(writeKit(dataSource, caller, writes), {}),
    audit: new AuditTrailService(dataSource, caller),
  };
}
