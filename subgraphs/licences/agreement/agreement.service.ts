import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader } from '../../kit/loaders';
import type { WhiteLabelRole } from '../partner/partner.type';
import type { WhiteLabelAgreement } from './agreement.entity';
import type { AgreementFilter } from './agreement.inputs';
import type { AgreementRepository } from './agreement.repository';

export class AgreementService {
  private readonly byId: DataLoader<string, WhiteLabelAgreement | null>;
  private readonly byPrimary: DataLoader<string, WhiteLabelAgreement[]>;
  private readonly bySecondary: DataLoader<string, WhiteLabelAgreement[]>;

  constructor(private readonly repository: AgreementRepository) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byPrimary = groupLoader((ids) => repository.findByPrimaryIds(ids), (agreement) => agreement.primaryId);
    this.bySecondary = groupLoader((ids) => repository.findBySecondaryIds(ids), (agreement) => agreement.secondaryId);
  }

  find(id: string): Promise<WhiteLabelAgreement | null> {
    return this.byId.load(id);
  }

  /** A partner's agreements as primary, as secondary, or both when `role` is null. */
  async ofPartner(partnerId: string, role: WhiteLabelRole | null): Promise<WhiteLabelAgreement[]> {
    const [asPrimary, asSecondary] = await Promise.all([
      role === 'SECONDARY' ? [] : this.byPrimary.load(partnerId),
      role === 'PRIMARY' ? [] : this.bySecondary.load(partnerId),
    ]);
    return [...asPrimary, ...asSecondary];
  }

  list(filter: AgreementFilter | null | undefined, page: PageArgs): Promise<Connection<WhiteLabelAgreement>> {
    return this.repository.page(filter ?? {}, pageRequest(page));
  }
}
