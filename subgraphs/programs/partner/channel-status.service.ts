import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { badUserInput } from '../../kit/errors';
import { valueLoader } from '../../kit/loaders';
import type { ProgramService } from '../program/program.service';
import type { ChannelStatusRepository } from './channel-status.repository';
import { ChannelStatus } from './partner.type';

export class ChannelStatusService {
  private readonly statusOf: DataLoader<string, ChannelStatus>;

  constructor(
    private readonly repository: ChannelStatusRepository,
    private readonly programs: ProgramService,
  ) {
    this.statusOf = valueLoader((ids) => repository.statuses(ids), ChannelStatus.NOT_ENROLLED);
  }

  status(partnerId: string): Promise<ChannelStatus> {
    return this.statusOf.load(partnerId);
  }

  partners(status: ChannelStatus, page: PageArgs): Promise<Connection<{ id: string }>> {
    if (!Object.values(ChannelStatus).includes(status)) {
      throw badUserInput(`Unknown channel status "${status}"; expected one of ${Object.values(ChannelStatus).join(', ')}.`, 'status');
    }
    return this.repository.partnersWithStatus(status, pageRequest(page));
  }

  /** Whether `licensedCores` (from the licences subgraph) reaches the ADVANTAGE floor. */
  async meetsAdvantageThreshold(licensedCores: number | undefined): Promise<boolean> {
    const threshold = await this.programs.advantageThreshold();
    return threshold !== null && (licensedCores ?? 0) >= threshold;
  }
}
