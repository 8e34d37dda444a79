import { today } from '../../../common/dates';
import { inForceSql } from '../../kit/validity';
import type { DataSource } from 'typeorm';
import { countOf, toNumber } from '../../kit/sql';
import { MigrationStatus, type MigrationReason } from '../migration/migration.entity';

const CHANNEL_PROVIDER_DESTINATION = 'VMware provider';

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
         SELECT CASE WHEN to_provider_id IS NOT NULL THEN ? ELSE alternative_vendor END AS destination FROM customer_migrations WHERE status <> ?
       ) destinations GROUP BY destination ORDER BY destination`,
      [CHANNEL_PROVIDER_DESTINATION, MigrationStatus.CANCELLED],
    );
    return rows.map((row) => ({ destination: row.destination, migrations: toNumber(row.migrations) }));
  }
}
