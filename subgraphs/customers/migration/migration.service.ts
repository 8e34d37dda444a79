import type DataLoader from 'dataloader';
import { outOfScope, partnerOf, readsEverything, type Caller } from '../../kit/auth';
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
    const migration = await this.byId.load(id);
    if (migration && !this.mayRead(migration)) throw outOfScope(this.caller, 'Customer migration', id);
    return migration;
  }

  /** A partner user sees the moves away from it and to it. */
  async ofCustomer(customerId: string): Promise<CustomerMigration[]> {
    return (await this.byCustomer.load(customerId)).filter((migration) => this.mayRead(migration));
  }

  private mayRead(migration: CustomerMigration): boolean {
    const own = partnerOf(this.caller);
    return readsEverything(this.caller) || migration.fromProviderId === own || migration.toProviderId === own;
  }

  /** The customer's PLANNED or IN_PROGRESS move away from a provider, if any. */
  async pendingFrom(customerId: string, providerId: string): Promise<CustomerMigration | null> {
    const pending = [MigrationStatus.PLANNED, MigrationStatus.IN_PROGRESS];
    return (await this.byCustomer.load(customerId)).find((m) => m.fromProviderId === providerId && pending.includes(m.status)) ?? null;
  }
}
