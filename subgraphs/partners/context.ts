import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/auth';
import type { SubgraphPeers } from '../kit/subgraph';
import { ChannelStatusClient } from './partner/channel-status.client';
import { PartnerRepository } from './partner/partner.repository';
import { PartnerService } from './partner/partner.service';

export interface PartnersContext {
  caller: Caller;
  partners: PartnerService;
}

export function createPartnersContext(dataSource: DataSource, peers: SubgraphPeers, caller: Caller): PartnersContext {
  return { caller, partners: new PartnerService(new PartnerRepository(dataSource), new ChannelStatusClient(peers, caller)) };
}
