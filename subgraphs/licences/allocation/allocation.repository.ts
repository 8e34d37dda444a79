import { inForceWhere } from '../../kit/validity';
import { type DataSource, type EntityManager, type Repository } from 'typeorm';
import { daysTable, entitiesWhereIn, toNumber } from '../../kit/sql';
import { inForceAt } from '../../kit/validity';
import { forUpdate } from '../../kit/writes/write-helpers';
import { Licence } from '../licence/licence.entity';
import { AllocationStatus, LicenceAllocation } from './allocation.entity';

/** The time rule (kit/validity.ts) on an allocation's dates, for day :day. */
const IN_FORCE = inForceWhere('allocation.startsOn', 'allocation.endsOn', 'day');

export class AllocationRepository {
  private readonly allocations: Repository<LicenceAllocation>;

  constructor(private readonly dataSource: DataSource) {
    this.allocations = dataSource.getRepository(LicenceAllocation);
  }

  findByIds(ids: readonly string[]): Promise<LicenceAllocation[]> {
    return entitiesWhereIn(this.dataSource, LicenceAllocation, 'id', ids);
  }

  findByAgreementIds(agreementIds: readonly string[]): Promise<LicenceAllocation[]> {
    return entitiesWhereIn(this.dataSource, LicenceAllocation, 'agreementId', agreementIds, ['startsOn', 'id']);
  }

  findByLicenceIds(licenceIds: readonly string[]): Promise<LicenceAllocation[]> {
    return entitiesWhereIn(this.dataSource, LicenceAllocation, 'licenceId', licenceIds, ['startsOn', 'id']);
  }

  findBySecondaryIds(partnerIds: readonly string[]): Promise<LicenceAllocation[]> {
    return entitiesWhereIn(this.dataSource, LicenceAllocation, 'secondaryId', partnerIds, ['startsOn', 'id']);
  }

  /** Allocations made from the licences the given partners hold, with the granting partner. */
  async findGrantedBy(partnerIds: readonly string[]): Promise<Array<{ grantorId: string; allocation: LicenceAllocation }>> {
    const { entities, raw } = await this.allocations
      .createQueryBuilder('allocation')
      .innerJoin(Licence, 'licence', 'licence.id = allocation.licenceId')
      .addSelect('licence.holderId', 'grantor_id')
      .where('licence.holderId IN (:...partnerIds)', { partnerIds })
      .orderBy('allocation.startsOn', 'ASC')
      .addOrderBy('allocation.id', 'ASC')
      .getRawAndEntities();
    const grantors = raw as Array<{ grantor_id: unknown }>;
    return entities.map((allocation, index) => ({ grantorId: String(grantors[index]?.grantor_id), allocation }));
  }

  /** Cores in allocations in force on `day`, across the channel. */
  async coresAllocatedOn(day: string): Promise<number> {
    const row: { cores: unknown } | undefined = await this.allocations
      .createQueryBuilder('allocation')
      .select('SUM(allocation.cores)', 'cores')
      .where(IN_FORCE, { day })
      .getRawOne();
    return toNumber(row?.cores);
  }

  /** Cores in allocations in force on each of the days (a timeline), whatever their status today: one statement for all days. */
  async coresInForceOnDays(days: readonly string[]): Promise<Map<string, number>> {
    const table = daysTable(this.dataSource, days);
    const rows: Array<{ day: string; cores: unknown }> = await this.dataSource.query(
      `SELECT d.day AS day, SUM(allocation.cores) AS cores
       FROM ${table.sql} d LEFT JOIN licence_allocations allocation ON ${inForceAt('allocation.starts_on', 'allocation.ends_on', 'd.day')}
       GROUP BY d.day`,
      table.params,
    );
    return new Map(rows.map((row) => [row.day, toNumber(row.cores)]));
  }

  /** Reads a licence for update: with the row locked on MySQL (SQLite serialises writes anyway). */
  lockLicence(manager: EntityManager, licenceId: string): Promise<Licence | null> {
    return manager.findOne(Licence, { where: { id: licenceId }, ...forUpdate(manager) });
  }

  lockAllocation(manager: EntityManager, allocationId: string): Promise<LicenceAllocation | null> {
    return manager.findOne(LicenceAllocation, { where: { id: allocationId }, ...forUpdate(manager) });
  }

  /** Cores in ACTIVE allocations of one licence, read inside the writing transaction. */
  async activeAllocatedCoresOfLicence(manager: EntityManager, licenceId: string): Promise<number> {
    const row: { cores: unknown } | undefined = await manager
      .createQueryBuilder(LicenceAllocation, 'allocation')
      .select('SUM(allocation.cores)', 'cores')
      .where('allocation.licenceId = :licenceId', { licenceId })
      .andWhere('allocation.status = :status', { status: AllocationStatus.ACTIVE })
      .getRawOne();
    return toNumber(row?.cores);
  }

  /** Cores in allocations in force on `day`, per licence. */
  async allocatedCores(licenceIds: readonly string[], day: string): Promise<Map<string, number>> {
    const rows: Array<{ licenceId: string; cores: unknown }> = await this.allocations
      .createQueryBuilder('allocation')
      .select('allocation.licenceId', 'licenceId')
      .addSelect('SUM(allocation.cores)', 'cores')
      .where('allocation.licenceId IN (:...licenceIds)', { licenceIds })
      .andWhere(IN_FORCE, { day })
      .groupBy('allocation.licenceId')
      .getRawMany();
    return new Map(rows.map((row) => [row.licenceId, toNumber(row.cores)]));
  }
}
