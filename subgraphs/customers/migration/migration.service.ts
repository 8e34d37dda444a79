import type DataLoader from 'dataloader';
import type { Caller } from '../../kit/auth';
import { ownsOrReadsAll, visibleOrNull } from '../../kit/scope';
import { byIdLoader, groupLoader } from '../../kit/loaders';
import { MigrationStatus, type CustomerMigration } from './migration.entity';
import type { MigrationRepository } from './migration.repository';

export class MigrationService {
  private readonly byId: DataLoader<string, CustomerMigration | null>;
  private readonly byCustomer: DataLoader<string, CustomerMigration[]>;

  constructor(
    repository: MigrationRepository,
    private readonly caller: Caller,
  ) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byCustomer = groupLoader(
      (ids) => repository.findByCustomerIds(ids),
      (migration) => migration.customerId,
    );
  }

  async find(id: string): Promise<CustomerMigration | null> {
    return visibleOrNull(await this.byId.load(id), (migration) => this.mayRead(migration));
  }

  /** A partner user sees the moves away from it and to it. */
  async ofCustomer(customerId: string): Promise<CustomerMigration[]> {
    return (await this.byCustomer.load(customerId)).filter((migration) => this.mayRead(migration));
  }

  private mayRead(migration: CustomerMigration): boolean {
    return ownsOrReadsAll(this.caller, migration.fromProviderId) || ownsOrReadsAll(this.caller, migration.toProviderId);
  }

  /** The customer's PLANNED or IN_PROGRESS move away from a provider, if any, and if the caller may see it (as `migrations` would). */
  async pendingFrom(customerId: string, providerId: string): Promise<CustomerMigration | null> {
    const pending: MigrationStatus[] = [MigrationStatus.PLANNED, MigrationStatus.IN_PROGRESS];
    return (await this.ofCustomer(customerId)).find((m) => m.fromProviderId === providerId && pending.includes(m.status)) ?? null;
  }
}
