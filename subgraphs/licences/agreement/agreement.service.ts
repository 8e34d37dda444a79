import type DataLoader from 'dataloader';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader } from '../../kit/loaders';
import type { WhiteLabelRole } from '../../kit/white-label-role';
import type { WhiteLabelAgreement } from './agreement.entity';
import { inForceOn } from '../../kit/validity';
import { OrderDirection } from '../../kit/connection';
import { AgreementOrderField, type AgreementFilter, type AgreementOrder } from './agreement.inputs';

const DEFAULT_ORDER: AgreementOrder = { field: AgreementOrderField.ID, direction: OrderDirection.ASC };
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

  /** A partner's agreements as primary, as secondary, or both when `role` is null; only those in force on `asOf` if given. */
  async ofPartner(partnerId: string, role: WhiteLabelRole | null, asOf: string | null = null): Promise<WhiteLabelAgreement[]> {
    const [asPrimary, asSecondary] = await Promise.all([
      role === 'SECONDARY' ? [] : this.byPrimary.load(partnerId),
      role === 'PRIMARY' ? [] : this.bySecondary.load(partnerId),
    ]);
    const agreements = [...asPrimary, ...asSecondary];
    return asOf ? agreements.filter((a) => inForceOn(a.signedOn, a.endsOn, asOf)) : agreements;
  }

  countActive(): Promise<number> {
    return this.repository.countActive();
  }

  list(
    filter: AgreementFilter | null | undefined,
    order: AgreementOrder | null | undefined,
    asOf: string | null,
    page: PageArgs,
  ): Promise<Connection<WhiteLabelAgreement>> {
    return this.repository.page(filter ?? {}, order ?? DEFAULT_ORDER, asOf, pageRequest(page));
  }
}
