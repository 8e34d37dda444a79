import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { entitiesWhereIn } from '../../kit/sql';
import { childConnectionLoader } from '../../kit/child-connections';
import type { PagedGroupKey } from '../../kit/loaders';
import type { Connection } from '../../kit/connection';
import { ProgramMembership, type MembershipStatus } from './membership.entity';

export class MembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: readonly string[]): Promise<ProgramMembership[]> {
    return entitiesWhereIn(this.dataSource, ProgramMembership, 'id', ids);
  }

  findByPartnerIds(partnerIds: readonly string[]): Promise<ProgramMembership[]> {
    return entitiesWhereIn(this.dataSource, ProgramMembership, 'partnerId', partnerIds, ['startedOn', 'id']);
  }

  /** Memberships per program, optionally of one status, as a connection per program. */
  programMembersLoader(
    status: MembershipStatus | null,
    nodes: DataLoader<string, ProgramMembership | null>,
  ): DataLoader<PagedGroupKey, Connection<ProgramMembership>, string> {
    return childConnectionLoader(
      this.dataSource,
      status
        ? {
            source: '(SELECT id, program_id FROM program_memberships WHERE status = ?)',
            params: [status],
            parentColumn: 'program_id',
            childColumn: 'id',
          }
        : { source: 'program_memberships', parentColumn: 'program_id', childColumn: 'id' },
      nodes,
    );
  }
}
