import type DataLoader from 'dataloader';
import { forbidden, partnerOf, type Caller } from '../../kit/auth';
import { ownsOrReadsAll, visibleOrNull } from '../../kit/scope';
import { OrderDirection, pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader, valueLoader } from '../../kit/loaders';
import type { Licence } from './licence.entity';
import { LicenceOrderField, type LicenceFilter, type LicenceOrder } from './licence.inputs';
import type { AllocationRepository } from '../allocation/allocation.repository';
import type { LicenceRepository } from './licence.repository';

const DEFAULT_ORDER: LicenceOrder = { field: LicenceOrderField.ID, direction: OrderDirection.ASC };

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
    this.licensedCoresOf = valueLoader((ids) => repository.licensedCores(ids), 0);
  }

  async find(id: string): Promise<Licence | null> {
    return visibleOrNull(
      await this.byId.load(id),
      async (licence) => this.mayReadHolder(licence.holderId) || this.allocatedFromToCaller(licence.id),
    );
  }

  private async allocatedFromToCaller(licenceId: string): Promise<boolean> {
    const own = partnerOf(this.caller);
    if (this.caller.identity.role !== 'SECONDARY' || own === null) return false;
    this.allocatedToCaller ??= this.allocations.findBySecondaryIds([own]).then((rows) => new Set(rows.map((row) => row.licenceId)));
    return (await this.allocatedToCaller).has(licenceId);
  }

  async heldBy(partnerId: string): Promise<Licence[]> {
    return this.mayReadHolder(partnerId) ? this.byHolder.load(partnerId) : [];
  }

  /** Cores of the partner's ACTIVE licences: the figure the ADVANTAGE threshold is judged on. */
  licensedCores(partnerId: string): Promise<number> {
    if (!this.mayReadHolder(partnerId)) {
      throw forbidden(
        `licensedCores of partner "${partnerId}" is licence data of another partner: the ${this.caller.identity.role} role sees its own.`,
      );
    }
    return this.licensedCoresOf.load(partnerId);
  }

  list(filter: LicenceFilter | null | undefined, order: LicenceOrder | null | undefined, page: PageArgs): Promise<Connection<Licence>> {
    return this.repository.page(filter ?? {}, order ?? DEFAULT_ORDER, pageRequest(page), partnerOf(this.caller));
  }

  /** Active licensed cores of every partner that holds or held a licence, read once per request. */
  licensedCoresOfAllHolders(): Promise<Array<{ partnerId: string; cores: number }>> {
    this.allHolders ??= this.repository.licensedCoresOfAllHolders();
    return this.allHolders;
  }

  activeCoresByProduct(): Promise<Array<{ product: string; cores: number }>> {
    return this.repository.activeCoresByProduct();
  }

  /** The channel team, analysts and the holder see a licence's figures; a secondary sees only the licence it received cores from. */
  mayReadHolder(holderId: string): boolean {
    return ownsOrReadsAll(this.caller, holderId);
  }
}
