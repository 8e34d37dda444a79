import type DataLoader from 'dataloader';
import { connectionFromSorted, pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { badUserInput } from '../../kit/errors';
import { valueLoader } from '../../kit/loaders';
import type { ProgramService } from '../program/program.service';
import type { PartnersClient } from '../peers/partners.client';
import type { ChannelStatusRepository } from './channel-status.repository';
import { ChannelStatus } from '../../kit/channel-status';
import type { ChannelStatusCount } from '../overview/overview.type';

export class ChannelStatusService {
  /** One loader per day asked about (`now` for the current standing). */
  private readonly statusLoaders = new Map<string, DataLoader<string, ChannelStatus>>();
  private readonly idsByStatus = new Map<string, Promise<Map<ChannelStatus, string[]>>>();
  /** The days of a timeline asked in one tick, read in one statement. */
  private readonly countsOnDays = valueLoader(
    (days: readonly string[]) => this.repository.countsByStatusOnDays(days),
    new Map<ChannelStatus, number>(),
  );
  private readonly excludedOnDays = valueLoader(
    (days: readonly string[]) => this.repository.partnerIdsWithStatusOnDays(ChannelStatus.EXCLUDED, days),
    [],
  );

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

  /** Partners with a membership per channel status on a day of a timeline. */
  countsByStatusOn(day: string): Promise<Map<ChannelStatus, number>> {
    return this.countsOnDays.load(day);
  }

  /** Ids of the EXCLUDED partners on a day of a timeline (for the customers subgraph's customers at risk). */
  excludedPartnerIdsOn(day: string): Promise<string[]> {
    return this.excludedOnDays.load(day);
  }

  /**
   * Whether `licensedCores` (from the licences subgraph, in the gateway's representation) reaches the
   * ADVANTAGE floor; null when the figure was withheld. Anything but a number counts as withheld:
   * Hive Gateway's JavaScript planner puts the licences subgraph's FORBIDDEN error object where the
   * refused figure would be, which compared as a number would answer `false` for a figure the caller may not see.
   */
  async meetsAdvantageThreshold(licensedCores: unknown): Promise<boolean | null> {
    if (typeof licensedCores !== 'number' || !Number.isFinite(licensedCores)) return null;
    const threshold = await this.programs.advantageThreshold();
    return threshold !== null && licensedCores >= threshold;
  }
}

/**
 * Partners per channel status, every status listed: those with memberships as classified, plus the
 * directory's partners without any membership (`partnerCount` from the partners subgraph), which
 * are unknown here but NOT_ENROLLED all the same.
 */
export function partnersPerStatus(
  withMemberships: ReadonlyMap<ChannelStatus, number>,
  partnerCount: number | undefined,
): ChannelStatusCount[] {
  const classified = [...withMemberships.values()].reduce((sum, partners) => sum + partners, 0);
  const withoutMemberships = Math.max(0, (partnerCount ?? classified) - classified);
  return Object.values(ChannelStatus).map((status) => ({
    status,
    partners: (withMemberships.get(status) ?? 0) + (status === ChannelStatus.NOT_ENROLLED ? withoutMemberships : 0),
  }));
}
