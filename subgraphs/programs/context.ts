import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/auth';
import type { SubgraphPeers } from '../kit/subgraph';
import { MembershipRepository } from './membership/membership.repository';
import { AuditTrailService } from '../kit/writes/audit-trail';
import type { WriteSettings } from '../kit/writes/writer';
import { writeKit } from '../kit/writes/record-writes';
import { MembershipService } from './membership/membership.service';
import { MembershipWrites } from './membership/membership.writes';
import { LicencesClient } from './peers/licences.client';
import { PartnersClient } from './peers/partners.client';
import { ChannelStatusRepository } from './partner/channel-status.repository';
import { ChannelStatusService } from './partner/channel-status.service';
import { ProgramRepository } from './program/program.repository';
import { ProgramService } from './program/program.service';

export interface ProgramsContext {
  caller: Caller;
  programs: ProgramService;
  memberships: MembershipService;
  channel: ChannelStatusService;
  membershipWrites: MembershipWrites;
  audit: AuditTrailService;
}

export function createProgramsContext(
  dataSource: DataSource,
  peers: SubgraphPeers,
  caller: Caller,
  writes: WriteSettings,
): ProgramsContext {
  const programs = new ProgramService(new ProgramRepository(dataSource));
  const partners = new PartnersClient(peers, caller);
  return {
    caller,
    programs,
    memberships: new MembershipService(new MembershipRepository(dataSource), caller),
    channel: new ChannelStatusService(new ChannelStatusRepository(dataSource), programs, partners),
    membershipWrites: new MembershipWrites(writeKit(dataSource, caller, writes), { partners, licences: new LicencesClient(peers, caller) }),
    audit: new AuditTrailService(dataSource, caller),
  };
}
