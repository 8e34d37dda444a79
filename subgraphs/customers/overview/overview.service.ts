import DataLoader from 'dataloader';
import type { MigrationReason, MigrationStatus } from '../migration/migration.entity';
import type { CustomerOverviewRepository } from './overview.repository';
import { ChannelStatus } from '../../kit/channel-status';
import type { ProviderStatusCustomers } from './overview.type';

export interface ProvidersByStatus {
  primary: readonly string[];
  secondary: readonly string[];
  legacyMember: readonly string[];
  excluded: readonly string[];
}

interface ProvidersOnDay {
  day: string;
  providerIds: readonly string[];
}

interface Period {
  startsOn: string;
  endsOn: string;
}

export class CustomerOverviewService {
  /** The days and periods of a timeline asked in one tick, each figure read in one statement. */
  private readonly servedOnDay: DataLoader<ProvidersOnDay, number, string>;
  private readonly decidedInPeriod: DataLoader<Period, Array<{ destination: string; status: MigrationStatus; migrations: number }>, string>;

  constructor(private readonly repository: CustomerOverviewRepository) {
    this.servedOnDay = new DataLoader(
      async (days) => {
        const served = await repository.customersServedOnDays(days);
        return days.map(({ day }) => served.get(day) ?? 0);
      },
      { cacheKeyFn: ({ day }) => day },
    );
    this.decidedInPeriod = new DataLoader(
      async (periods) => {
        const byPeriod = new Map<string, Array<{ destination: string; status: MigrationStatus; migrations: number }>>();
        for (const { startsOn, ...count } of await repository.migrationsDecidedInPeriods(periods)) {
          byPeriod.set(startsOn, [...(byPeriod.get(startsOn) ?? []), count]);
        }
        return periods.map((period) => byPeriod.get(period.startsOn) ?? []);
      },
      { cacheKeyFn: ({ startsOn, endsOn }) => `${startsOn}/${endsOn}` },
    );
  }

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

  /** Distinct customers served on a day of a timeline by any of the providers given (that day's EXCLUDED ones: customers at risk). */
  customersServedOn(day: string, providerIds: readonly string[]): Promise<number> {
    return this.servedOnDay.load({ day, providerIds });
  }

  /** Migrations decided within a period of a timeline, by destination and status. */
  migrationsDecidedIn(period: Period): Promise<Array<{ destination: string; status: MigrationStatus; migrations: number }>> {
    return this.decidedInPeriod.load(period);
  }
}
