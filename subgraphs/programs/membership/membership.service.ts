import type DataLoader from 'dataloader';
import { requireFullRead, type Caller } from '../../kit/auth';
import { ownsOrReadsAll, visibleOrNull } from '../../kit/scope';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader, type PagedGroupKey } from '../../kit/loaders';
import type { MembershipStatus, ProgramMembership } from './membership.entity';
import type { MembershipRepository } from './membership.repository';

export class MembershipService {
  private readonly byId: DataLoader<string, ProgramMembership | null>;
  private readonly byPartner: DataLoader<string, ProgramMembership[]>;
  private readonly byProgram = new Map<string, DataLoader<PagedGroupKey, Connection<ProgramMembership>, string>>();

  constructor(
    private readonly repository: MembershipRepository,
    private readonly caller: Caller,
  ) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byPartner = groupLoader(
      (ids) => repository.findByPartnerIds(ids),
      (membership) => membership.partnerId,
    );
  }

  async find(id: string): Promise<ProgramMembership | null> {
    return visibleOrNull(await this.byId.load(id), (membership) => this.mayRead(membership.partnerId));
  }

  /** A partner user sees its own memberships only; other partners' are absent. */
  async ofPartner(partnerId: string): Promise<ProgramMembership[]> {
    return this.mayRead(partnerId) ? this.byPartner.load(partnerId) : [];
  }

  ofProgram(programId: string, status: MembershipStatus | null, page: PageArgs): Promise<Connection<ProgramMembership>> {
    requireFullRead(this.caller, 'Program.memberships');
    const request = pageRequest(page);
    const key = status ?? 'ANY';
    let loader = this.byProgram.get(key);
    if (!loader) {
      loader = this.repository.programMembersLoader(status, this.byId);
      this.byProgram.set(key, loader);
    }
    return loader.load({ parentId: programId, page: request });
  }

  private mayRead(partnerId: string): boolean {
    return ownsOrReadsAll(this.caller, partnerId);
  }
}
