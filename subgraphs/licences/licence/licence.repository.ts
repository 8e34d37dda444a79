import { In, type DataSource, type Repository } from 'typeorm';
import { paginate, type Connection, type PageRequest } from '../../kit/connection';
import { toNumber } from '../../kit/sql';
import { Licence, LicenceStatus } from './licence.entity';
import type { LicenceFilter } from './licence.inputs';

export class LicenceRepository {
  private readonly licences: Repository<Licence>;

  constructor(dataSource: DataSource) {
    this.licences = dataSource.getRepository(Licence);
  }

  findByIds(ids: readonly string[]): Promise<Licence[]> {
    return this.licences.findBy({ id: In([...ids]) });
  }

  findByHolderIds(holderIds: readonly string[]): Promise<Licence[]> {
    return this.licences.find({ where: { holderId: In([...holderIds]) }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  /** Cores of ACTIVE licences per holder. */
  async licensedCores(holderIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ holderId: string; cores: unknown }> = await this.licences
      .createQueryBuilder('licence')
      .select('licence.holderId', 'holderId')
      .addSelect('SUM(licence.cores)', 'cores')
      .where('licence.holderId IN (:...holderIds)', { holderIds })
      .andWhere('licence.status = :status', { status: LicenceStatus.ACTIVE })
      .groupBy('licence.holderId')
      .getRawMany();
    return new Map(rows.map((row) => [row.holderId, toNumber(row.cores)]));
  }

  page(filter: LicenceFilter, page: PageRequest): Promise<Connection<Licence>> {
    const query = this.licences.createQueryBuilder('licence');
    if (filter.holderId) query.andWhere('licence.holderId = :holderId', { holderId: filter.holderId });
    if (filter.product) query.andWhere('licence.product = :product', { product: filter.product });
    if (filter.status) query.andWhere('licence.status = :status', { status: filter.status });
    return paginate(query, page, [{ expression: 'licence.id', direction: 'ASC' }], (licence) => [licence.id]);
  }
}
