import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { badUserInput } from '../../kit/errors';
import { byIdLoader } from '../../kit/loaders';
import type { Partner } from './partner.entity';
import type { PartnerFilter } from './partner.inputs';
import type { PartnerRepository } from './partner.repository';

export class PartnerService {
  private readonly byId: DataLoader<string, Partner | null>;

  constructor(private readonly repository: PartnerRepository) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
  }

  find(id: string): Promise<Partner | null> {
    return this.byId.load(id);
  }

  list(filter: PartnerFilter | null | undefined, page: PageArgs): Promise<Connection<Partner>> {
    const request = pageRequest(page);
    if (filter?.country && !/^[A-Za-z]{2}$/.test(filter.country)) {
      throw badUserInput(`filter.country "${filter.country}" is not an ISO 3166-1 alpha-2 code such as "IT" or "DE".`, 'filter.country');
    }
    return this.repository.page(filter ?? {}, request);
  }
}
