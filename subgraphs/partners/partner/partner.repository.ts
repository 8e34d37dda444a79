import type { DataSource, Repository } from 'typeorm';
import { cursorOf, orderedBy, paginate, type Connection, type PageRequest } from '../../kit/connection';
import { containsPattern, entitiesWhereIn, toNumber } from '../../kit/sql';
import { Partner } from './partner.entity';
import type { PartnerFilter, PartnerOrder } from './partner.inputs';

export class PartnerRepository {
  private readonly partners: Repository<Partner>;

  constructor(private readonly dataSource: DataSource) {
    this.partners = dataSource.getRepository(Partner);
  }

  findByIds(ids: readonly string[]): Promise<Partner[]> {
    return entitiesWhereIn(this.dataSource, Partner, 'id', ids);
  }

  count(): Promise<number> {
    return this.partners.count();
  }

  /** Every partner id in the directory, in id order. */
  async allIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.partners
      .createQueryBuilder('partner')
      .select('partner.id', 'id')
      .orderBy('partner.id')
      .getRawMany();
    return rows.map((row) => row.id);
  }

  async countBy(column: 'category' | 'region'): Promise<Array<{ value: string; partners: number }>> {
    const rows: Array<{ value: string; partners: unknown }> = await this.partners
      .createQueryBuilder('partner')
      .select(`partner.${column}`, 'value')
      .addSelect('COUNT(*)', 'partners')
      .groupBy(`partner.${column}`)
      .orderBy(`partner.${column}`)
      .getRawMany();
    return rows.map((row) => ({ value: row.value, partners: toNumber(row.partners) }));
  }

  /** `ids` narrows to (`in`) or away from (`notIn`) a set of partners decided elsewhere, e.g. by channel status. */
  page(
    filter: PartnerFilter,
    ids: { in?: string[]; notIn?: string[] },
    order: PartnerOrder,
    page: PageRequest,
  ): Promise<Connection<Partner>> {
    const query = this.partners.createQueryBuilder('partner');
    if (ids.in) query.andWhere(ids.in.length > 0 ? 'partner.id IN (:...inIds)' : '1 = 0', { inIds: ids.in });
    if (ids.notIn?.length) query.andWhere('partner.id NOT IN (:...notInIds)', { notInIds: ids.notIn });
    if (filter.category) query.andWhere('partner.category = :category', { category: filter.category });
    if (filter.region) query.andWhere('partner.region = :region', { region: filter.region });
    if (filter.country) query.andWhere('partner.country = :country', { country: filter.country.toUpperCase() });
    if (filter.nameContains) {
      query.andWhere("LOWER(partner.name) LIKE :name ESCAPE '!'", { name: containsPattern(filter.nameContains) });
    }
    return paginate(query, page, orderedBy('partner', order.field, order.direction), cursorOf(order.field));
  }
}
