import { In, type DataSource, type Repository } from 'typeorm';
import { paginate, type Connection, type PageRequest } from '../../kit/connection';
import { containsPattern } from '../../kit/sql';
import { Partner } from './partner.entity';
import type { PartnerFilter } from './partner.inputs';

export class PartnerRepository {
  private readonly partners: Repository<Partner>;

  constructor(dataSource: DataSource) {
    this.partners = dataSource.getRepository(Partner);
  }

  findByIds(ids: readonly string[]): Promise<Partner[]> {
    return this.partners.findBy({ id: In([...ids]) });
  }

  page(filter: PartnerFilter, page: PageRequest): Promise<Connection<Partner>> {
    const query = this.partners.createQueryBuilder('partner');
    if (filter.category) query.andWhere('partner.category = :category', { category: filter.category });
    if (filter.region) query.andWhere('partner.region = :region', { region: filter.region });
    if (filter.country) query.andWhere('partner.country = :country', { country: filter.country.toUpperCase() });
    if (filter.nameContains) {
      query.andWhere("LOWER(partner.name) LIKE :name ESCAPE '!'", { name: containsPattern(filter.nameContains) });
    }
    return paginate(
      query,
      page,
      [
        { expression: 'partner.name', direction: 'ASC' },
        { expression: 'partner.id', direction: 'ASC' },
      ],
      (partner) => [partner.name, partner.id],
    );
  }
}
