import type DataLoader from 'dataloader';
import { partnerOf, readsEverything, type Caller } from '../../kit/auth';
import { ownsOrReadsAll, visibleOrNull } from '../../kit/scope';
import { OrderDirection, pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader } from '../../kit/loaders';
import { inForceOn } from '../../kit/validity';
import { WhiteLabelRole } from '../../kit/white-label-role';
import type { WhiteLabelAgreement } from './agreement.entity';
import { AgreementOrderField, type AgreementFilter, type AgreementOrder } from './agreement.inputs';
import type { AgreementRepository } from './agreement.repository';

const DEFAULT_ORDER: AgreementOrder = { field: AgreementOrderField.ID, direction: OrderDirection.ASC };

/** Agreements: a partner user sees those its partner is the primary or the secondary of. */
export class AgreementService {
  private readonly byId: DataLoader<string, WhiteLabelAgreement | null>;
  private readonly byPrimary: DataLoader<string, WhiteLabelAgreement[]>;
  private readonly bySecondary: DataLoader<string, WhiteLabelAgreement[]>;

  constructor(
    private readonly repository: AgreementRepository,
    private readonly caller: Caller,
  ) {
    this.byId = byIdLoader((ids) => repository.findByIds(ids));
    this.byPrimary = groupLoader(
      (ids) => repository.findByPrimaryIds(ids),
      (agreement) => agreement.primaryId,
    );
    this.bySecondary = groupLoader(
      (ids) => repository.findBySecondaryIds(ids),
      (agreement) => agreement.secondaryId,
    );
  }

  async find(id: string): Promise<WhiteLabelAgreement | null> {
    return visibleOrNull(await this.byId.load(id), (agreement) => this.mayRead(agreement));
  }

  /** Whether the caller may see this agreement, and so the allocations made under it. */
  async mayReadAgreementOf(agreementId: string): Promise<boolean> {
    if (readsEverything(this.caller)) return true;
    const agreement = await this.byId.load(agreementId);
    return agreement !== null && this.mayRead(agreement);
  }

  /** A partner's agreements as primary, as secondary, or both when `role` is null; only those in force on `asOf` if given. */
  async ofPartner(partnerId: string, role: WhiteLabelRole | null, asOf: string | null = null): Promise<WhiteLabelAgreement[]> {
    const [asPrimary, asSecondary] = await Promise.all([
      role === WhiteLabelRole.SECONDARY ? [] : this.byPrimary.load(partnerId),
      role === WhiteLabelRole.PRIMARY ? [] : this.bySecondary.load(partnerId),
    ]);
    return [...asPrimary, ...asSecondary].filter((a) => this.mayRead(a) && (!asOf || inForceOn(a.signedOn, a.endsOn, asOf)));
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
    return this.repository.page(filter ?? {}, order ?? DEFAULT_ORDER, asOf, pageRequest(page), partnerOf(this.caller));
  }

  /** The channel team, analysts, and the two parties. */
  mayRead(agreement: WhiteLabelAgreement): boolean {
    return ownsOrReadsAll(this.caller, agreement.primaryId) || ownsOrReadsAll(this.caller, agreement.secondaryId);
  }
}
