import type DataLoader from 'dataloader';
import { In, type DataSource, type Repository } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connections';
import type { PagedGroupKey } from '../../kit/loaders';
import type { Connection } from '../../kit/connection';
import { ProgramMembership, type MembershipStatus } from './membership.entity';

export class MembershipRepository {
  private readonly memberships: Repository<ProgramMembership>;

  constructor(private readonly dataSource: DataSource) {
    this.memberships = dataSource.getRepository(ProgramMembership);
  }

  findByIds(ids: readonly string[]): Promise<ProgramMembership[]> {
    return this.memberships.findBy({ id: In([...ids]) });
  }

  findByPartnerIds(partnerIds: readonly string[]): Promise<ProgramMembership[]> {
    return this.memberships.find({ where: { partnerId: In([...partnerIds]) }, order: { startedOn: 'ASC', id: 'ASC' } });
  }

  /** Memberships per program, optionally of one status, as a connection per program. */
  programMembersLoader(
    status: MembershipStatus | null,
    nodes: DataLoader<string, ProgramMembership | null>,
  ): DataLoader<PagedGroupKey, Connection<ProgramMembership>, string> {
    return childConnectionLoader(
      this.dataSource,
      status
        ? { source: '(SELECT id, program_id FROM program_memberships WHERE status = ?)', params: [status], parentColumn: 'program_id', childColumn: 'id' }
        : { source: 'program_memberships', parentColumn: 'program_id', childColumn: 'id' },
      nodes,
    );
  }
}
