import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { badUserInput } from '../../kit/errors';
import { byIdLoader } from '../../kit/loaders';
import type { Partner } from './partner.entity';
import { ChannelStatus } from '../../kit/channel-status';
import type { ProgramsClient } from '../peers/programs.client';
import { type PartnerFilter, PartnerOrder } from './partner.inputs';

import type { PartnerRepository } from './partner.repository';

export class PartnerService {
  private readonly byId: DataLoader<string, Partner | null>;
  private directorySize: Promise<number> | undefined;

  constructor(
    private readonly repository: PartnerRepository,
    private readonly programs: ProgramsClient,
  ) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
  }

  find(id: string): Promise<Partner | null> {
    return this.byId.load(id);
  }

  async list(
    filter: PartnerFilter | null | undefined,
    order: PartnerOrder | null | undefined,
    page: PageArgs,
  ): Promise<Connection<Partner>> {
    const request = pageRequest(page);
    if (filter?.country && !/^[A-Za-z]{2}$/.test(filter.country)) {
      throw badUserInput(`filter.country "${filter.country}" is not an ISO 3166-1 alpha-2 code such as "IT" or "DE".`, 'filter.country');
    }
    const status = filter?.channelStatus;
    const ids = !status
      ? {}
      : status === ChannelStatus.NOT_ENROLLED
        ? { notIn: await this.programs.enrolledPartnerIds() }
        : { in: await this.programs.partnerIdsWithStatus(status) };
    return this.repository.page(filter ?? {}, ids, order ?? PartnerOrder.byDefault, request);
  }

  /** Partners in the directory, read once per request however many periods of a timeline ask. */
  count(): Promise<number> {
    this.directorySize ??= this.repository.count();
    return this.directorySize;
  }

  /** Every partner id (directory data, which every role sees). */
  allIds(): Promise<string[]> {
    return this.repository.allIds();
  }

  countBy(column: 'category' | 'region'): Promise<Array<{ value: string; partners: number }>> {
    return this.repository.countBy(column);
  }
}
