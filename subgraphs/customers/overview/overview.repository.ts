import { today } from '../../../common/dates';
import { inForceSql } from '../../kit/validity';
import type { DataSource } from 'typeorm';
import { countOf, daysTable, toNumber, valuesTable, type SqlFragment } from '../../kit/sql';
import { inForceAt } from '../../kit/validity';
import { MigrationStatus, type MigrationReason } from '../migration/migration.entity';

const CHANNEL_PROVIDER_DESTINATION = 'VMware provider';

/** Where a migration goes: "VMware provider" for a move within the channel, else the alternative platform. */
const DESTINATION: SqlFragment = {
  sql: 'CASE WHEN to_provider_id IS NOT NULL THEN ? ELSE alternative_vendor END',
  params: [CHANNEL_PROVIDER_DESTINATION],
};

function placeholders(ids: readonly unknown[]): string {
  return ids.length === 0 ? 'NULL' : ids.map(() => '?').join(', ');
}

export class CustomerOverviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async customerCount(): Promise<number> {
    return countOf(this.dataSource, 'SELECT COUNT(*) AS total FROM end_customers');
  }

  /** Distinct customers and cores in use under contracts in force today, per group of providers (first group that matches wins). */
  async customersByProviderGroup(
    groups: Array<{ name: string; providerIds: readonly string[] }>,
    otherwise: string,
  ): Promise<Map<string, { customers: number; coresInUse: number }>> {
    const cases = groups.map((group) => `WHEN provider_id IN (${placeholders(group.providerIds)}) THEN ?`).join(' ');
    const params = groups.flatMap((group) => [...group.providerIds, group.name]);
    const inForce = inForceSql('starts_on', 'ends_on', today());
    const rows: Array<{ provider_group: string; customers: unknown; cores: unknown }> = await this.dataSource.query(
      `SELECT provider_group, COUNT(DISTINCT customer_id) AS customers, SUM(cores_in_use) AS cores FROM (
         SELECT CASE ${cases} ELSE ? END AS provider_group, customer_id, cores_in_use
         FROM service_contracts WHERE ${inForce.sql}
       ) grouped GROUP BY provider_group`,
      [...params, otherwise, ...inForce.params],
    );
    return new Map(rows.map((row) => [row.provider_group, { customers: toNumber(row.customers), coresInUse: toNumber(row.cores) }]));
  }

  /** Distinct customers with a contract in force today with any of the providers. */
  async customersServedBy(providerIds: readonly string[]): Promise<number> {
    if (providerIds.length === 0) return 0;
    const inForce = inForceSql('starts_on', 'ends_on', today());
    return countOf(
      this.dataSource,
      `SELECT COUNT(DISTINCT customer_id) AS total FROM service_contracts WHERE ${inForce.sql} AND provider_id IN (${placeholders(providerIds)})`,
      [...inForce.params, ...providerIds],
    );
  }

  async migrationsByReason(): Promise<Array<{ reason: MigrationReason; migrations: number }>> {
    const rows: Array<{ reason: MigrationReason; migrations: unknown }> = await this.dataSource.query(
      'SELECT reason, COUNT(*) AS migrations FROM customer_migrations GROUP BY reason ORDER BY reason',
    );
    return rows.map((row) => ({ reason: row.reason, migrations: toNumber(row.migrations) }));
  }

  /** Where customers go: migrations that were not CANCELLED, by destination. */
  async migrationsByDestination(): Promise<Array<{ destination: string; migrations: number }>> {
    const rows: Array<{ destination: string; migrations: unknown }> = await this.dataSource.query(
      `SELECT destination, COUNT(*) AS migrations FROM (
         SELECT ${DESTINATION.sql} AS destination FROM customer_migrations WHERE status <> ?
       ) destinations GROUP BY destination ORDER BY destination`,
      [...DESTINATION.params, MigrationStatus.CANCELLED],
    );
    return rows.map((row) => ({ destination: row.destination, migrations: toNumber(row.migrations) }));
  }

  /**
   * Distinct customers with a contract in force on each day (a timeline) with one of that day's
   * providers, whatever the contracts' status today: one statement for all days. A provider listed
   * on consecutive days of the list (as an EXCLUDED partner stays excluded) is one row of a derived
   * table (provider, first day, last day), joined to its contracts and to the days within.
   */
  async customersServedOnDays(
    providersByDay: ReadonlyArray<{ day: string; providerIds: readonly string[] }>,
  ): Promise<Map<string, number>> {
    const days = [...new Set(providersByDay.map(({ day }) => day))].sort();
    const listedOn = new Map<string, Set<string>>();
    for (const { day, providerIds } of providersByDay) {
      for (const id of providerIds) listedOn.set(id, (listedOn.get(id) ?? new Set()).add(day));
    }
    const runs: Array<[string, string, string]> = [];
    for (const [providerId, listed] of listedOn) {
      let first: string | null = null;
      days.forEach((day, index) => {
        if (!listed.has(day)) return;
        first ??= day;
        const next = days[index + 1];
        if (next === undefined || !listed.has(next)) {
          runs.push([providerId, first, day]);
          first = null;
        }
      });
    }
    if (runs.length === 0) return new Map();
    const providers = valuesTable(this.dataSource, ['provider_id', 'first_day', 'last_day'], runs, ['first_day', 'last_day']);
    const table = daysTable(this.dataSource, days);
    const rows: Array<{ day: string; customers: unknown }> = await this.dataSource.query(
      `SELECT d.day AS day, COUNT(DISTINCT c.customer_id) AS customers
       FROM ${providers.sql} r
       JOIN service_contracts c ON c.provider_id = r.provider_id
       JOIN ${table.sql} d ON d.day >= r.first_day AND d.day <= r.last_day AND ${inForceAt('c.starts_on', 'c.ends_on', 'd.day')}
       GROUP BY d.day`,
      [...providers.params, ...table.params],
    );
    return new Map(rows.map((row) => [row.day, toNumber(row.customers)]));
  }

  /** Migrations decided within each period (first and last day included), by destination and status today: one statement for all periods. */
  async migrationsDecidedInPeriods(
    periods: ReadonlyArray<{ startsOn: string; endsOn: string }>,
  ): Promise<Array<{ startsOn: string; destination: string; status: MigrationStatus; migrations: number }>> {
    const table = valuesTable(
      this.dataSource,
      ['starts_on', 'ends_on'],
      periods.map((period) => [period.startsOn, period.endsOn]),
    );
    const rows: Array<{ starts_on: string; destination: string; status: MigrationStatus; migrations: unknown }> =
      await this.dataSource.query(
        `SELECT d.starts_on AS starts_on, m.destination AS destination, m.status AS status, COUNT(*) AS migrations
       FROM ${table.sql} d
       JOIN (SELECT ${DESTINATION.sql} AS destination, status, decided_on FROM customer_migrations) m
         ON m.decided_on >= d.starts_on AND m.decided_on <= d.ends_on
       GROUP BY d.starts_on, m.destination, m.status
       ORDER BY d.starts_on, m.destination, m.status`,
        [...table.params, ...DESTINATION.params],
      );
    return rows.map((row) => ({
      startsOn: row.starts_on,
      destination: row.destination,
      status: row.status,
      migrations: toNumber(row.migrations),
    }));
  }
}
