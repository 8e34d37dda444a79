import type { DataSource, Repository } from 'typeorm';
import { entitiesWhereIn } from '../../kit/sql';
import { cursorOf, orderedBy, paginate, type Connection, type PageRequest } from '../../kit/connection';
import { AgreementStatus, WhiteLabelAgreement } from './agreement.entity';
import type { AgreementFilter, AgreementOrder } from './agreement.inputs';

/** An agreement in force on :asOf: signed by then and not yet ended (whatever its status today). */
const IN_FORCE = 'agreement.signedOn <= :asOf AND (agreement.endsOn IS NULL OR agreement.endsOn > :asOf)';

export class AgreementRepository {
  private readonly agreements: Repository<WhiteLabelAgreement>;

  constructor(private readonly dataSource: DataSource) {
    this.agreements = dataSource.getRepository(WhiteLabelAgreement);
  }

  findByIds(ids: readonly string[]): Promise<WhiteLabelAgreement[]> {
    return entitiesWhereIn(this.dataSource, WhiteLabelAgreement, 'id', ids);
  }

  findByPrimaryIds(partnerIds: readonly string[]): Promise<WhiteLabelAgreement[]> {
    return entitiesWhereIn(this.dataSource, WhiteLabelAgreement, 'primaryId', partnerIds, ['signedOn', 'id']);
  }

  findBySecondaryIds(partnerIds: readonly string[]): Promise<WhiteLabelAgreement[]> {
    return entitiesWhereIn(this.dataSource, WhiteLabelAgreement, 'secondaryId', partnerIds, ['signedOn', 'id']);
  }

  async countActive(): Promise<number> {
    return this.agreements.countBy({ status: AgreementStatus.ACTIVE });
  }

  /** `party`: a partner user's list holds the agreements its partner is party to only (the count too). */
  page(
    filter: AgreementFilter,
    order: AgreementOrder,
    asOf: string | null,
    page: PageRequest,
    party: string | null,
  ): Promise<Connection<WhiteLabelAgreement>> {
    const query = this.agreements.createQueryBuilder('agreement');
    if (party) query.andWhere('(agreement.primaryId = :party OR agreement.secondaryId = :party)', { party });
    if (asOf) query.andWhere(IN_FORCE, { asOf });
    if (filter.primaryId) query.andWhere('agreement.primaryId = :primaryId', { primaryId: filter.primaryId });
    if (filter.secondaryId) query.andWhere('agreement.secondaryId = :secondaryId', { secondaryId: filter.secondaryId });
    if (filter.status) query.andWhere('agreement.status = :status', { status: filter.status });
    return paginate(query, page, orderedBy('agreement', order.field, order.direction), cursorOf(order.field));
  }
}
