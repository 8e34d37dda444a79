import type { MigrationReason } from '../migration/migration.entity';
import type { CustomerOverviewRepository } from './overview.repository';
import { ChannelStatus } from '../../kit/channel-status';
import type { ProviderStatusCustomers } from './overview.type';

export interface ProvidersByStatus {
  primary: readonly string[];
  secondary: readonly string[];
  legacyMember: readonly string[];
  excluded: readonly string[];
}

export class CustomerOverviewService {
  constructor(private readonly repository: CustomerOverviewRepository) {}

  customerCount(): Promise<number> {
    return this.repository.customerCount();
  }

  /** Customers per status of the provider serving them; providers not listed count as NOT_ENROLLED. */
  async customersByProviderStatus(providers: ProvidersByStatus): Promise<ProviderStatusCustomers[]> {
    const groups = await this.repository.customersByProviderGroup(
      [
        { name: ChannelStatus.PRIMARY, providerIds: providers.primary },
        { name: ChannelStatus.SECONDARY, providerIds: providers.secondary },
        { name: ChannelStatus.LEGACY_MEMBER, providerIds: providers.legacyMember },
        { name: ChannelStatus.EXCLUDED, providerIds: providers.excluded },
      ],
      ChannelStatus.NOT_ENROLLED,
    );
    return Object.values(ChannelStatus).map((status) => ({
      providerStatus: status,
      customers: groups.get(status)?.customers ?? 0,
      coresInUse: groups.get(status)?.coresInUse ?? 0,
    }));
  }

  customersServedBy(providerIds: readonly string[]): Promise<number> {
    return this.repository.customersServedBy(providerIds);
  }

  migrationsByReason(): Promise<Array<{ reason: MigrationReason; migrations: number }>> {
    return this.repository.migrationsByReason();
  }

  migrationsByDestination(): Promise<Array<{ destination: string; migrations: number }>> {
    return this.repository.migrationsByDestination();
  }
}
