import { today } from '../../../common/dates';
import { statusOn } from '../../kit/validity';
import type DataLoader from 'dataloader';
import { partnerOf, type Caller } from '../../kit/auth';
import { ownsOrReadsAll, requireLicenceDataOf, visibleOrNull } from '../../kit/scope';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader, valueLoader } from '../../kit/loaders';
import { LICENCE_LIFECYCLE, type Licence, type LicenceStatus } from './licence.entity';
import { type LicenceFilter, LicenceOrder } from './licence.inputs';
import type { AllocationRepository } from '../allocation/allocation.repository';
import type { LicenceRepository } from './licence.repository';

/**
 * Licences: the channel team and analysts see all; a partner user the licences its partner holds,
 * and a secondary also the licences its allocations come from (the product and cores it resells).
 */
export class LicenceService {
  private readonly byId: DataLoader<string, Licence | null>;
  private readonly byHolder: DataLoader<string, Licence[]>;
  private readonly licensedCoresOf: DataLoader<string, number>;
  private allHolders: Promise<Array<{ partnerId: string; cores: number }>> | null = null;
  private allocatedToCaller: Promise<Set<string>> | null = null;

  constructor(
    private readonly repository: LicenceRepository,
    private readonly allocations: AllocationRepository,
    private readonly caller: Caller,
  ) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byHolder = groupLoader(
      (ids) => repository.findByHolderIds(ids),
      (licence) => licence.holderId,
    );
    this.licensedCoresOf = valueLoader((ids) => repository.licensedCores(ids, today()), 0);
  }

  async find(id: string): Promise<Licence | null> {
    return visibleOrNull(
      await this.byId.load(id),
      async (licence) => this.mayReadHolder(licence.holderId) || this.allocatedFromToCaller(licence.id),
    );
  }

  private async allocatedFromToCaller(licenceId: string): Promise<boolean> {
    return (await this.licencesAllocatedToCaller()).has(licenceId);
  }

  /**
   * A partner's: the licences the allocations it received come from (empty for the whole-channel
   * roles, which see every licence). Whatever its token's role: a secondary admitted to ADVANTAGE
   * since acts as PRIMARY and still sees the allocations it received, each with its licence.
   */
  private licencesAllocatedToCaller(): Promise<Set<string>> {
    const own = partnerOf(this.caller);
    if (own === null) return Promise.resolve(new Set());
    this.allocatedToCaller ??= this.allocations.findBySecondaryIds([own]).then((rows) => new Set(rows.map((row) => row.licenceId)));
    return this.allocatedToCaller;
  }

  async heldBy(partnerId: string): Promise<Licence[]> {
    return this.mayReadHolder(partnerId) ? this.byHolder.load(partnerId) : [];
  }

  /** Cores of the partner's licences in force today: the figure the ADVANTAGE threshold is judged on. */
  licensedCores(partnerId: string): Promise<number> {
    requireLicenceDataOf(this.caller, partnerId, 'licensedCores');
    return this.licensedCoresOf.load(partnerId);
  }

  /** The licences the caller may see: all, or a partner's own and (a secondary) those its allocations come from, as licence(id) does. */
  async list(
    filter: LicenceFilter | null | undefined,
    order: LicenceOrder | null | undefined,
    page: PageArgs,
  ): Promise<Connection<Licence>> {
    const own = partnerOf(this.caller);
    const scope = own === null ? null : { holderId: own, alsoIds: [...(await this.licencesAllocatedToCaller())] };
    return this.repository.page(filter ?? {}, order ?? LicenceOrder.byDefault, pageRequest(page), scope);
  }

  /** Licensed cores today of every partner holding a licence in force today, read once per request. */
  licensedCoresOfAllHolders(): Promise<Array<{ partnerId: string; cores: number }>> {
    this.allHolders ??= this.repository.licensedCoresOfAllHolders(today());
    return this.allHolders;
  }

  /** Cores of the licences in force today, per product. */
  coresInForceByProduct(): Promise<Array<{ product: string; cores: number }>> {
    return this.repository.coresInForceByProduct(today());
  }

  /** The licence's status today (kit/validity.ts: status follows the dates). */
  statusOf(licence: Licence): LicenceStatus {
    return statusOn(LICENCE_LIFECYCLE, licence.status, licence.endsOn);
  }

  /** The channel team, analysts and the holder see a licence's figures; a secondary sees only the licence it received cores from. */
  mayReadHolder(holderId: string): boolean {
    return ownsOrReadsAll(this.caller, holderId);
  }
}
