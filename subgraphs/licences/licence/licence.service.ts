import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader, valueLoader } from '../../kit/loaders';
import type { Licence } from './licence.entity';
import type { LicenceFilter } from './licence.inputs';
import type { LicenceRepository } from './licence.repository';

export class LicenceService {
  private readonly byId: DataLoader<string, Licence | null>;
  private readonly byHolder: DataLoader<string, Licence[]>;
  private readonly licensedCoresOf: DataLoader<string, number>;

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

  list(filter: LicenceFilter | null | undefined, page: PageArgs): Promise<Connection<Licence>> {
    return this.repository.page(filter ?? {}, pageRequest(page));
  }
}
