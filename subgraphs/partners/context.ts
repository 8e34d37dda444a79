import type { DataSource } from 'typeorm';
import { PartnerRepository } from './partner/partner.repository';
import { PartnerService } from './partner/partner.service';

export interface PartnersContext {
  partners: PartnerService;
}

export function createPartnersContext(dataSource: DataSource): PartnersContext {
  return { partners: new PartnerService(new PartnerRepository(dataSource)) };
}
