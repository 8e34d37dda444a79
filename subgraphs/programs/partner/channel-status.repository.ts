import type { DataSource } from 'typeorm';
import { today } from '../../../common/dates';
import { connectionFromRows, type Connection, type PageRequest } from '../../kit/connection';
import { countOf, daysTable, toNumber, type SqlFragment as Sql } from '../../kit/sql';
import { inForceAt } from '../../kit/validity';
import { WhiteLabelRole } from '../../kit/white-label-role';
import { MembershipStatus } from '../membership/membership.entity';
import { ProgramCode } from '../program/program.entity';
import { ChannelStatus } from '../../kit/channel-status';

/** The day a rule is applied on, as SQL: a placeholder for one day, or a column of days (a timeline). */
type Day = Sql;

/** One day as a placeholder: `asOf`, or today when it is null. */
function onDay(asOf: string | null): Day {
  return { sql: '?', params: [asOf ?? today()] };
}

/** A membership in force on the day (the time rule, kit/validity.ts): admitted (ACTIVE, or TERMINATED since) and within its dates. */
function inForce(day: Day): Sql {
  return {
    sql: `(m.status IN ('${MembershipStatus.ACTIVE}', '${MembershipStatus.TERMINATED}') AND ${inForceAt('m.started_on', 'm.ended_on', day.sql)})`,
    params: [...day.params, ...day.params],
  };
}

const LEGACY = `p.code IN ('${ProgramCode.VCSP}', '${ProgramCode.VCPP}')`;

/**
 * The channel-status rule, in one place, as SQL over a partner's memberships on a day: a member of
 * ADVANTAGE is PRIMARY; else a WHITE_LABEL secondary is SECONDARY; else a member of VCSP/VCPP is
 * LEGACY_MEMBER; else a former VCSP/VCPP member (admitted on or before that day) is EXCLUDED; else
 * NOT_ENROLLED.
 */
function channelStatusCase(day: Day): Sql {
  const member = inForce(day);
  return {
    sql: `CASE
      WHEN SUM(CASE WHEN p.code = '${ProgramCode.ADVANTAGE}' AND ${member.sql} THEN 1 ELSE 0 END) > 0 THEN '${ChannelStatus.PRIMARY}'
      WHEN SUM(CASE WHEN p.code = '${ProgramCode.WHITE_LABEL}' AND m.role = '${WhiteLabelRole.SECONDARY}' AND ${member.sql} THEN 1 ELSE 0 END) > 0 THEN '${ChannelStatus.SECONDARY}'
      WHEN SUM(CASE WHEN ${LEGACY} AND ${member.sql} THEN 1 ELSE 0 END) > 0 THEN '${ChannelStatus.LEGACY_MEMBER}'
      WHEN SUM(CASE WHEN ${LEGACY} AND m.status IN ('${MembershipStatus.ACTIVE}', '${MembershipStatus.TERMINATED}') AND m.started_on <= ${day.sql} THEN 1 ELSE 0 END) > 0 THEN '${ChannelStatus.EXCLUDED}'
      ELSE '${ChannelStatus.NOT_ENROLLED}' END`,
    params: [...member.params, ...member.params, ...member.params, ...day.params],
  };
}

/** (partner_id, channel_status) for every partner with a membership, optionally only some partners. */
function classifiedPartners(asOf: string | null, partnerIds: readonly string[] | null = null): Sql {
  const status = channelStatusCase(onDay(asOf));
  const only = partnerIds ? `WHERE m.partner_id IN (${partnerIds.map(() => '?').join(', ')})` : '';
  return {
    sql: `(SELECT m.partner_id AS partner_id, ${status.sql} AS channel_status
      FROM program_memberships m JOIN programs p ON p.id = m.program_id
      ${only}
      GROUP BY m.partner_id)`,
    params: [...status.params, ...(partnerIds ?? [])],
  };
}

/**
 * (day, partner_id, channel_status) for every partner with a membership, on each of the days (a
 * timeline): the same rule as above with the day taken from a column, so one statement answers
 * every day.
 */
function classifiedPartnersOnDays(dataSource: DataSource, days: readonly string[]): Sql {
  const status = channelStatusCase({ sql: 'd.day', params: [] });
  const table = daysTable(dataSource, days);
  return {
    sql: `(SELECT d.day AS day, m.partner_id AS partner_id, ${status.sql} AS channel_status
      FROM ${table.sql} d CROSS JOIN program_memberships m JOIN programs p ON p.id = m.program_id
      GROUP BY d.day, m.partner_id)`,
    params: [...status.params, ...table.params],
  };
}

export class ChannelStatusRepository {
  constructor(private readonly dataSource: DataSource) {}

  async statuses(partnerIds: readonly string[], asOf: string | null): Promise<Map<string, ChannelStatus>> {
    const classified = classifiedPartners(asOf, partnerIds);
    const rows: Array<{ partner_id: string; channel_status: ChannelStatus }> = await this.dataSource.query(
      `SELECT partner_id, channel_status FROM ${classified.sql} classified`,
      classified.params,
    );
    return new Map(rows.map((row) => [row.partner_id, row.channel_status]));
  }

  /** Partners of one channel status, by id; only partners with at least one membership are known here. */
  async partnersWithStatus(status: ChannelStatus, asOf: string | null, page: PageRequest): Promise<Connection<{ id: string }>> {
    const classified = classifiedPartners(asOf);
    const after = page.after ? ' AND partner_id > ?' : '';
    const rows: Array<{ partner_id: string }> = await this.dataSource.query(
      `SELECT partner_id FROM ${classified.sql} classified WHERE channel_status = ?${after} ORDER BY partner_id LIMIT ?`,
      [...classified.params, status, ...(page.after ? [page.after[0]] : []), page.first + 1],
    );
    return connectionFromRows(
      rows.map((row) => ({ id: row.partner_id })),
      page,
      (partner) => [partner.id],
      () =>
        countOf(this.dataSource, `SELECT COUNT(*) AS total FROM ${classified.sql} classified WHERE channel_status = ?`, [
          ...classified.params,
          status,
        ]),
    );
  }

  /** Every partner id of each channel status (for filters and aggregates in other subgraphs). */
  async partnerIdsByStatus(asOf: string | null): Promise<Map<ChannelStatus, string[]>> {
    const classified = classifiedPartners(asOf);
    const rows: Array<{ partner_id: string; channel_status: ChannelStatus }> = await this.dataSource.query(
      `SELECT partner_id, channel_status FROM ${classified.sql} classified ORDER BY partner_id`,
      classified.params,
    );
    const byStatus = new Map<ChannelStatus, string[]>(Object.values(ChannelStatus).map((status) => [status, []]));
    for (const row of rows) byStatus.get(row.channel_status)?.push(row.partner_id);
    return byStatus;
  }

  /** Partners with a membership per channel status on each day (one statement for all days). */
  async countsByStatusOnDays(days: readonly string[]): Promise<Map<string, Map<ChannelStatus, number>>> {
    const classified = classifiedPartnersOnDays(this.dataSource, days);
    const rows: Array<{ day: string; channel_status: ChannelStatus; partners: unknown }> = await this.dataSource.query(
      `SELECT day, channel_status, COUNT(*) AS partners FROM ${classified.sql} classified GROUP BY day, channel_status`,
      classified.params,
    );
    const byDay = new Map<string, Map<ChannelStatus, number>>();
    for (const row of rows) {
      const counts = byDay.get(row.day) ?? new Map<ChannelStatus, number>();
      counts.set(row.channel_status, toNumber(row.partners));
      byDay.set(row.day, counts);
    }
    return byDay;
  }

  /** Ids of the partners of one channel status on each day (one statement for all days). */
  async partnerIdsWithStatusOnDays(status: ChannelStatus, days: readonly string[]): Promise<Map<string, string[]>> {
    const classified = classifiedPartnersOnDays(this.dataSource, days);
    const rows: Array<{ day: string; partner_id: string }> = await this.dataSource.query(
      `SELECT day, partner_id FROM ${classified.sql} classified WHERE channel_status = ? ORDER BY day, partner_id`,
      [...classified.params, status],
    );
    const byDay = new Map<string, string[]>();
    for (const row of rows) {
      const ids = byDay.get(row.day) ?? [];
      ids.push(row.partner_id);
      byDay.set(row.day, ids);
    }
    return byDay;
  }
}
