import { inForceWhere, statusIsWhere } from '../../kit/validity';
import type { DataSource, Repository } from 'typeorm';
import { cursorOf, orderedBy, paginate, type Connection, type PageRequest } from '../../kit/connection';
import { entitiesWhereIn, toNumber } from '../../kit/sql';
import { LICENCE_LIFECYCLE, Licence } from './licence.entity';
import type { LicenceFilter, LicenceOrder } from './licence.inputs';

/** The time rule (kit/validity.ts) on a licence's dates, for day :day. */
const IN_FORCE = inForceWhere('licence.startsOn', 'licence.endsOn', 'day');

export class LicenceRepository {
  private readonly licences: Repository<Licence>;

  constructor(private readonly dataSource: DataSource) {
    this.licences = dataSource.getRepository(Licence);
  }

  findByIds(ids: readonly string[]): Promise<Licence[]> {
    return entitiesWhereIn(this.dataSource, Licence, 'id', ids);
  }

  findByHolderIds(holderIds: readonly string[]): Promise<Licence[]> {
    return entitiesWhereIn(this.dataSource, Licence, 'holderId', holderIds, ['startsOn', 'id']);
  }

  /** Cores of the licences in force on `day`, per holder. */
  async licensedCores(holderIds: readonly string[], day: string): Promise<Map<string, number>> {
    const rows: Array<{ holderId: string; cores: unknown }> = await this.licences
      .createQueryBuilder('licence')
      .select('licence.holderId', 'holderId')
      .addSelect('SUM(licence.cores)', 'cores')
      .where('licence.holderId IN (:...holderIds)', { holderIds })
      .andWhere(IN_FORCE, { day })
      .groupBy('licence.holderId')
      .getRawMany();
    return new Map(rows.map((row) => [row.holderId, toNumber(row.cores)]));
  }

  /** Licensed cores on `day` of every partner holding a licence in force that day. */
  async licensedCoresOfAllHolders(day: string): Promise<Array<{ partnerId: string; cores: number }>> {
    const rows: Array<{ partnerId: string; cores: unknown }> = await this.licences
      .createQueryBuilder('licence')
      .select('licence.holderId', 'partnerId')
      .addSelect('SUM(licence.cores)', 'cores')
      .where(IN_FORCE, { day })
      .groupBy('licence.holderId')
      .getRawMany();
    return rows.map((row) => ({ partnerId: row.partnerId, cores: toNumber(row.cores) }));
  }

  /** Cores of the licences in force on `day` per product, across the channel. */
  async coresInForceByProduct(day: string): Promise<Array<{ product: string; cores: number }>> {
    const rows: Array<{ product: string; cores: unknown }> = await this.licences
      .createQueryBuilder('licence')
      .select('licence.product', 'product')
      .addSelect('SUM(licence.cores)', 'cores')
      .where(IN_FORCE, { day })
      .groupBy('licence.product')
      .orderBy('licence.product')
      .getRawMany();
    return rows.map((row) => ({ product: row.product, cores: toNumber(row.cores) }));
  }

  /** `scope`: a partner user's list holds its own licences and the others it may see (the count too). */
  page(
    filter: LicenceFilter,
    order: LicenceOrder,
    page: PageRequest,
    scope: { holderId: string; alsoIds: readonly string[] } | null,
  ): Promise<Connection<Licence>> {
    const query = this.licences.createQueryBuilder('licence');
    if (scope) {
      const also = scope.alsoIds.length > 0 ? ' OR licence.id IN (:...alsoIds)' : '';
      query.andWhere(`(licence.holderId = :scopeHolder${also})`, { scopeHolder: scope.holderId, alsoIds: scope.alsoIds });
    }
    if (filter.holderId) query.andWhere('licence.holderId = :holderId', { holderId: filter.holderId });
    if (filter.product) query.andWhere('licence.product = :product', { product: filter.product });
    if (filter.status) {
      const status = statusIsWhere(LICENCE_LIFECYCLE, 'licence.status', 'licence.endsOn', filter.status, 'filter');
      query.andWhere(status.where, status.parameters);
    }
    return paginate(query, page, orderedBy('licence', order.field, order.direction), cursorOf(order.field));
  }
}
