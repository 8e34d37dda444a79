import { In, type DataSource, type Repository } from 'typeorm';
import { paginate, type Connection, type PageRequest } from '../../kit/connection';
import { WhiteLabelAgreement } from './agreement.entity';
import type { AgreementFilter } from './agreement.inputs';

export class AgreementRepository {
  private readonly agreements: Repository<WhiteLabelAgreement>;

  constructor(dataSource: DataSource) {
    this.agreements = dataSource.getRepository(WhiteLabelAgreement);
  }

  findByIds(ids: readonly string[]): Promise<WhiteLabelAgreement[]> {
    return this.agreements.findBy({ id: In([...ids]) });
  }

  findByPrimaryIds(partnerIds: readonly string[]): Promise<WhiteLabelAgreement[]> {
    return this.agreements.find({ where: { primaryId: In([...partnerIds]) }, order: { signedOn: 'ASC', id: 'ASC' } });
  }

  findBySecondaryIds(partnerIds: readonly string[]): Promise<WhiteLabelAgreement[]> {
    return this.agreements.find({ where: { secondaryId: In([...partnerIds]) }, order: { signedOn: 'ASC', id: 'ASC' } });
  }

  page(filter: AgreementFilter, page: PageRequest): Promise<Connection<WhiteLabelAgreement>> {
    const query = this.agreements.createQueryBuilder('agreement');
    if (filter.primaryId) query.andWhere('agreement.primaryId = :primaryId', { primaryId: filter.primaryId });
    if (filter.secondaryId) query.andWhere('agreement.secondaryId = :secondaryId', { secondaryId: filter.secondaryId });
    if (filter.status) query.andWhere('agreement.status = :status', { status: filter.status });
    return paginate(query, page, [{ expression: 'agreement.id', direction: 'ASC' }], (agreement) => [agreement.id]);
  }
}
