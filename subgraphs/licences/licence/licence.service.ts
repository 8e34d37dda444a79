import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader, valueLoader } from '../../kit/loaders';
import type { Licence } from './licence.entity';
import { OrderDirection } from '../../kit/connection';
import { LicenceOrderField, type LicenceFilter, type LicenceOrder } from './licence.inputs';

const DEFAULT_ORDER: LicenceOrder = { field: LicenceOrderField.ID, direction: OrderDirection.ASC };
import type { LicenceRepository } from './licence.repository';

export class LicenceService {
  private readonly byId: DataLoader<string, Licence | null>;
  private readonly byHolder: DataLoader<string, Licence[]>;
  private readonly licensedCoresOf: DataLoader<string, number>;
  private allHolders: Promise<Array<{ partnerId: string; cores: number }>> | null = null;

  constructor(private readonly repository: LicenceRepository) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byHolder = groupLoader((ids) => repository.findByHolderIds(ids), (licence) => licence.holderId);
    this.licensedCoresOf = valueLoader((ids) => repository.licensedCores(ids), 0);
  }

  find(id: string): Promise<Licence | null> {
    return this.byId.load(id);
  }

  heldBy(partnerId: string): Promise<Licence[]> {
    return this.byHolder.load(partnerId);
  }

  /** Cores of the partner's ACTIVE licences: the figure the ADVANTAGE threshold is judged on. */
  licensedCores(partnerId: string): Promise<number> {
    return this.licensedCoresOf.load(partnerId);
  }

  list(filter: LicenceFilter | null | undefined, order: LicenceOrder | null | undefined, page: PageArgs): Promise<Connection<Licence>> {
    return this.repository.page(filter ?? {}, order ?? DEFAULT_ORDER, pageRequest(page));
  }

  /** Active licensed cores of every partner that holds or held a licence, read once per request. */
  licensedCoresOfAllHolders(): Promise<Array<{ partnerId: string; cores: number }>> {
    this.allHolders ??= this.repository.licensedCoresOfAllHolders();
    return this.allHolders;
  }

  activeCoresByProduct(): Promise<Array<{ product: string; cores: number }>> {
    return this.repository.activeCoresByProduct();
  }
}
