import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/auth';
import type { SubgraphPeers } from '../kit/subgraph';
import { MembershipRepository } from './membership/membership.repository';
import { AuditTrailService } from '../kit/writes/audit-trail';
import { Writer, type WriteSettings } from '../kit/writes/writer';
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
  return {
    caller,
    programs,
    memberships: new MembershipService(new MembershipRepository(dataSource), caller),
    channel: new ChannelStatusService(new ChannelStatusRepository(dataSource), programs),
    membershipWrites: new MembershipWrites(
      dataSource,
      new Writer(dataSource, caller, writes),
      new PartnersClient(peers, caller),
      new LicencesClient(peers, caller),
      caller,
    ),
    audit: new AuditTrailService(dataSource, caller),
  };
}
