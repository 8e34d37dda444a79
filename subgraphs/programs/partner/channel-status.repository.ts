import type { DataSource } from 'typeorm';
import { connectionFromRows, type Connection, type PageRequest } from '../../kit/connection';
import { toNumber } from '../../kit/sql';
import { ProgramCode } from '../program/program.entity';
import { MembershipStatus, WhiteLabelRole } from '../membership/membership.entity';
import { ChannelStatus } from './partner.type';

/**
 * The channel-status rule, in one place, as SQL over a partner's memberships:
 * an active ADVANTAGE member is PRIMARY; else an active WHITE_LABEL secondary is SECONDARY;
 * else a former VCSP/VCPP member is EXCLUDED; else NOT_ENROLLED.
 */
const CHANNEL_STATUS = `CASE
  WHEN SUM(CASE WHEN p.code = '${ProgramCode.ADVANTAGE}' AND m.status = '${MembershipStatus.ACTIVE}' THEN 1 ELSE 0 END) > 0 THEN '${ChannelStatus.PRIMARY}'
  WHEN SUM(CASE WHEN p.code = '${ProgramCode.WHITE_LABEL}' AND m.role = '${WhiteLabelRole.SECONDARY}' AND m.status = '${MembershipStatus.ACTIVE}' THEN 1 ELSE 0 END) > 0 THEN '${ChannelStatus.SECONDARY}'
  WHEN SUM(CASE WHEN p.code IN ('${ProgramCode.VCSP}', '${ProgramCode.VCPP}') THEN 1 ELSE 0 END) > 0 THEN '${ChannelStatus.EXCLUDED}'
  ELSE '${ChannelStatus.NOT_ENROLLED}' END`;

const CLASSIFIED_PARTNERS = `(SELECT m.partner_id AS partner_id, ${CHANNEL_STATUS} AS channel_status
  FROM program_memberships m JOIN programs p ON p.id = m.program_id
  GROUP BY m.partner_id)`;

export class ChannelStatusRepository {
  constructor(private readonly dataSource: DataSource) {}

  async statuses(partnerIds: readonly string[]): Promise<Map<string, ChannelStatus>> {
    const rows: Array<{ partner_id: string; channel_status: ChannelStatus }> = await this.dataSource.query(
      `SELECT m.partner_id AS partner_id, ${CHANNEL_STATUS} AS channel_status
       FROM program_memberships m JOIN programs p ON p.id = m.program_id
       WHERE m.partner_id IN (${partnerIds.map(() => '?').join(', ')})
       GROUP BY m.partner_id`,
      [...partnerIds],
    );
    return new Map(rows.map((row) => [row.partner_id, row.channel_status]));
  }

  /** Partners of one channel status, by id; only partners with at least one membership are known here. */
  async partnersWithStatus(status: ChannelStatus, page: PageRequest): Promise<Connection<{ id: string }>> {
    const after = page.after ? ' AND partner_id > ?' : '';
    const rows: Array<{ partner_id: string }> = await this.dataSource.query(
      `SELECT partner_id FROM ${CLASSIFIED_PARTNERS} classified
       WHERE channel_status = ?${after} ORDER BY partner_id LIMIT ?`,
      [status, ...(page.after ? [page.after[0]] : []), page.first + 1],
    );
    return connectionFromRows(
      rows.map((row) => ({ id: row.partner_id })),
      page,
      (partner) => [partner.id],
      async () => {
        const [{ total }] = await this.dataSource.query(
          `SELECT COUNT(*) AS total FROM ${CLASSIFIED_PARTNERS} classified WHERE channel_status = ?`,
          [status],
        );
        return toNumber(total);
      },
    );
  }
}
