import type { DataSource } from 'typeorm';
import { countOf, toNumber } from '../../kit/sql';
import { ContractStatus } from '../contract/contract.entity';
import type { MigrationReason } from '../migration/migration.entity';

const CHANNEL_PROVIDER_DESTINATION = 'VMware provider';

function placeholders(ids: readonly unknown[]): string {
  return ids.length === 0 ? 'NULL' : ids.map(() => '?').join(', ');
}

export class CustomerOverviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async customerCount(): Promise<number> {
    return countOf(this.dataSource, 'SELECT COUNT(*) AS total FROM end_customers');
  }

  /** Distinct customers and cores in use under ACTIVE contracts, per group of providers (first group that matches wins). */
  async customersByProviderGroup(
    groups: Array<{ name: string; providerIds: readonly string[] }>,
    otherwise: string,
  ): Promise<Map<string, { customers: number; coresInUse: number }>> {
    const cases = groups.map((group) => `WHEN provider_id IN (${placeholders(group.providerIds)}) THEN ?`).join(' ');
    const params = groups.flatMap((group) => [...group.providerIds, group.name]);
    const rows: Array<{ provider_group: string; customers: unknown; cores: unknown }> = await this.dataSource.query(
      `SELECT provider_group, COUNT(DISTINCT customer_id) AS customers, SUM(cores_in_use) AS cores FROM (
         SELECT CASE ${cases} ELSE ? END AS provider_group, customer_id, cores_in_use
         FROM service_contracts WHERE status = ?
       ) grouped GROUP BY provider_group`,
      [...params, otherwise, ContractStatus.ACTIVE],
    );
    return new Map(rows.map((row) => [row.provider_group, { customers: toNumber(row.customers), coresInUse: toNumber(row.cores) }]));
  }

  /** Distinct customers with an ACTIVE contract with any of the providers. */
  async customersServedBy(providerIds: readonly string[]): Promise<number> {
    if (providerIds.length === 0) return 0;
    return countOf(
      this.dataSource,
      `SELECT COUNT(DISTINCT customer_id) AS total FROM service_contracts WHERE status = ? AND provider_id IN (${placeholders(providerIds)})`,
      [ContractStatus.ACTIVE, ...providerIds],
    );
  }

  async migrationsByReason(): Promise<Array<{ reason: MigrationReason; migrations: number }>> {
    const rows: Array<{ reason: MigrationReason; migrations: unknown }> = await this.dataSource.query(
      'SELECT reason, COUNT(*) AS migrations FROM customer_migrations GROUP BY reason ORDER BY reason',
    );
    return rows.map((row) => ({ reason: row.reason, migrations: toNumber(row.migrations) }));
  }

  async migrationsByDestination(): Promise<Array<{ destination: string; migrations: number }>> {
    const rows: Array<{ destination: string; migrations: unknown }> = await this.dataSource.query(
      `SELECT destination, COUNT(*) AS migrations FROM (
         SELECT CASE WHEN to_provider_id IS NOT NULL THEN ? ELSE alternative_vendor END AS destination FROM customer_migrations
       ) destinations GROUP BY destination ORDER BY destination`,
      [CHANNEL_PROVIDER_DESTINATION],
    );
    return rows.map((row) => ({ destination: row.destination, migrations: toNumber(row.migrations) }));
  }
}
