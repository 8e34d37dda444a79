import { IsNull, type DataSource, type Repository } from 'typeorm';
import { ApiKey } from './api-key.entity';

export class ApiKeyRepository {
  private readonly keys: Repository<ApiKey>;

  constructor(dataSource: DataSource) {
    this.keys = dataSource.getRepository(ApiKey);
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.keys.findOneBy({ id });
  }

  /** Oldest first. */
  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(key: ApiKey): Promise<void> {
    await this.keys.createQueryBuilder().insert().into(ApiKey).values(key).updateEntity(false).execute();
  }

  /** Sets `revoked_at` on a key not yet revoked, in one statement; false when there was none to revoke. */
  async revoke(id: string, revokedAt: string): Promise<boolean> {
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt });
    return (result.affected ?? 0) > 0;
  }
}
