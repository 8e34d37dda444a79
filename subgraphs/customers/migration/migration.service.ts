import type DataLoader from 'dataloader';
import { byIdLoader, groupLoader } from '../../kit/loaders';
import { MigrationStatus, type CustomerMigration } from './migration.entity';
import type { MigrationRepository } from './migration.repository';

export class MigrationService {
  private readonly byId: DataLoader<string, CustomerMigration | null>;
  private readonly byCustomer: DataLoader<string, CustomerMigration[]>;

  constructor(repository: MigrationRepository) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byCustomer = groupLoader((ids) => repository.findByCustomerIds(ids), (migration) => migration.customerId);
  }

  find(id: string): Promise<CustomerMigration | null> {
    return this.byId.load(id);
  }

  ofCustomer(customerId: string): Promise<CustomerMigration[]> {
    return this.byCustomer.load(customerId);
  }

  /** The customer's PLANNED or IN_PROGRESS move away from a provider, if any. */
  async pendingFrom(customerId: string, providerId: string): Promise<CustomerMigration | null> {
    const pending = [MigrationStatus.PLANNED, MigrationStatus.IN_PROGRESS];
    return (await this.byCustomer.load(customerId)).find((m) => m.fromProviderId === providerId && pending.includes(m.status)) ?? null;
  }
}
