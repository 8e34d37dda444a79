import type DataLoader from 'dataloader';
import { connectionFromSorted, pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { badUserInput } from '../../kit/errors';
import { valueLoader } from '../../kit/loaders';
import type { ProgramService } from '../program/program.service';
import type { PartnersClient } from '../peers/partners.client';
import type { ChannelStatusRepository } from './channel-status.repository';
import { ChannelStatus } from '../../kit/channel-status';

export class ChannelStatusService {
  /** One loader per day asked about (`now` for the current standing). */
  private readonly statusLoaders = new Map<string, DataLoader<string, ChannelStatus>>();
  private readonly idsByStatus = new Map<string, Promise<Map<ChannelStatus, string[]>>>();

  constructor(
    private readonly repository: ChannelStatusRepository,
    private readonly programs: ProgramService,
    private readonly directory: PartnersClient,
  ) {}

  status(partnerId: string, asOf: string | null = null): Promise<ChannelStatus> {
    const key = asOf ?? 'now';
    let loader = this.statusLoaders.get(key);
    if (!loader) {
      loader = valueLoader((ids) => this.repository.statuses(ids, asOf), ChannelStatus.NOT_ENROLLED);
      this.statusLoaders.set(key, loader);
    }
    return loader.load(partnerId);
  }

  partners(status: ChannelStatus, page: PageArgs, asOf: string | null = null): Promise<Connection<{ id: string }>> {
    if (!Object.values(ChannelStatus).includes(status)) {
      throw badUserInput(`Unknown channel status "${status}"; expected one of ${Object.values(ChannelStatus).join(', ')}.`, 'status');
    }
    if (status === ChannelStatus.NOT_ENROLLED) return this.notEnrolled(page, asOf);
    return this.repository.partnersWithStatus(status, asOf, pageRequest(page));
  }

  /** Every partner of the directory without another status: those with no membership at all included, which only the directory knows. */
  private async notEnrolled(page: PageArgs, asOf: string | null): Promise<Connection<{ id: string }>> {
    const [everyone, byStatus] = await Promise.all([this.directory.allIds(), this.partnerIdsByStatus(asOf)]);
    const enrolled = new Set([...byStatus].flatMap(([status, ids]) => (status === ChannelStatus.NOT_ENROLLED ? [] : ids)));
    const notEnrolled = everyone.filter((id) => !enrolled.has(id)).map((id) => ({ id }));
    return connectionFromSorted(notEnrolled, pageRequest(page), (partner) => [partner.id]);
  }

  /** Ids of every partner per channel status, read once per request and day. */
  partnerIdsByStatus(asOf: string | null = null): Promise<Map<ChannelStatus, string[]>> {
    const key = asOf ?? 'now';
    let ids = this.idsByStatus.get(key);
    if (!ids) {
      ids = this.repository.partnerIdsByStatus(asOf);
      this.idsByStatus.set(key, ids);
    }
    return ids;
  }

  /** Whether `licensedCores` (from the licences subgraph) reaches the ADVANTAGE floor; null when the figure was withheld. */
  async meetsAdvantageThreshold(licensedCores: number | null | undefined): Promise<boolean | null> {
    if (licensedCores === null || licensedCores === undefined) return null;
    const threshold = await this.programs.advantageThreshold();
    return threshold !== null && licensedCores >= threshold;
  }
}
