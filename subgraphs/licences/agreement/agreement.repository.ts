import type { DataSource, Repository } from 'typeorm';
import { daysTable, entitiesWhereIn, toNumber } from '../../kit/sql';
import { inForceAt, inForceWhere, statusIsWhere } from '../../kit/validity';
import { cursorOf, orderedBy, paginate, type Connection, type PageRequest } from '../../kit/connection';
import { AGREEMENT_LIFECYCLE, WhiteLabelAgreement } from './agreement.entity';
import type { AgreementFilter, AgreementOrder } from './agreement.inputs';

/** An agreement in force on :asOf (kit/validity.ts): signed by then, its last day not passed (whatever its status today). */
const IN_FORCE = inForceWhere('agreement.signedOn', 'agreement.endsOn', 'asOf');

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

  countInForce(day: string): Promise<number> {
    return this.agreements.createQueryBuilder('agreement').where(IN_FORCE, { asOf: day }).getCount();
  }

  /** Agreements in force on each of the days (a timeline), whatever their status today: one statement for all days. */
  async countInForceOnDays(days: readonly string[]): Promise<Map<string, number>> {
    const table = daysTable(this.dataSource, days);
    const rows: Array<{ day: string; agreements: unknown }> = await this.dataSource.query(
      `SELECT d.day AS day, COUNT(a.id) AS agreements
       FROM ${table.sql} d LEFT JOIN white_label_agreements a ON ${inForceAt('a.signed_on', 'a.ends_on', 'd.day')}
       GROUP BY d.day`,
      table.params,
    );
    return new Map(rows.map((row) => [row.day, toNumber(row.agreements)]));
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
    if (filter.status) {
      const status = statusIsWhere(AGREEMENT_LIFECYCLE, 'agreement.status', 'agreement.endsOn', filter.status, 'filter');
      query.andWhere(status.where, status.parameters);
    }
    return paginate(query, page, orderedBy('agreement', order.field, order.direction), cursorOf(order.field));
  }
}
