import { In, type DataSource, type Repository } from 'typeorm';
import { CustomerMigration } from './migration.entity';

export class MigrationRepository {
  private readonly migrations: Repository<CustomerMigration>;

  constructor(dataSource: DataSource) {
    this.migrations = dataSource.getRepository(CustomerMigration);
  }

  findByIds(ids: readonly string[]): Promise<CustomerMigration[]> {
    return this.migrations.findBy({ id: In([...ids]) });
  }

  findByCustomerIds(customerIds: readonly string[]): Promise<CustomerMigration[]> {
    return this.migrations.find({ where: { customerId: In([...customerIds]) }, order: { decidedOn: 'ASC', id: 'ASC' } });
  }
}
