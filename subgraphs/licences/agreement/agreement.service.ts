import type DataLoader from 'dataloader';
import { partnerOf, readsEverything, type Caller } from '../../kit/auth';
import { ownsOrReadsAll, visibleOrNull } from '../../kit/scope';
import { pageRequest, type Connection, type PageArgs } from '../../kit/connection';
import { byIdLoader, groupLoader, valueLoader } from '../../kit/loaders';
import { inForceOn, statusOn } from '../../kit/validity';
import { today } from '../../../common/dates';
import { WhiteLabelRole } from '../../kit/white-label-role';
import { AGREEMENT_LIFECYCLE, type AgreementStatus, type WhiteLabelAgreement } from './agreement.entity';
import { type AgreementFilter, AgreementOrder } from './agreement.inputs';
import type { AgreementRepository } from './agreement.repository';

/** Agreements: a partner user sees those its partner is the primary or the secondary of. */
export class AgreementService {
  private readonly byId: DataLoader<string, WhiteLabelAgreement | null>;
  private readonly byPrimary: DataLoader<string, WhiteLabelAgreement[]>;
  private readonly bySecondary: DataLoader<string, WhiteLabelAgreement[]>;
  private readonly inForceOnDay: DataLoader<string, number>;

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
    this.inForceOnDay = valueLoader((days) => repository.countInForceOnDays(days), 0);
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

  /** Agreements in force on the day (today when null). */
  countInForce(asOf: string | null): Promise<number> {
    return this.repository.countInForce(asOf ?? today());
  }

  /** The agreement's status today (kit/validity.ts: status follows the dates). */
  statusOf(agreement: WhiteLabelAgreement): AgreementStatus {
    return statusOn(AGREEMENT_LIFECYCLE, agreement.status, agreement.endsOn);
  }

  /** Agreements in force on a day of a timeline; the days asked in one tick are counted in one statement. */
  countInForceOn(day: string): Promise<number> {
    return this.inForceOnDay.load(day);
  }

  list(
    filter: AgreementFilter | null | undefined,
    order: AgreementOrder | null | undefined,
    asOf: string | null,
    page: PageArgs,
  ): Promise<Connection<WhiteLabelAgreement>> {
    return this.repository.page(filter ?? {}, order ?? AgreementOrder.byDefault, asOf, pageRequest(page), partnerOf(this.caller));
  }

  /** The channel team, analysts, and the two parties. */
  mayRead(agreement: WhiteLabelAgreement): boolean {
    return ownsOrReadsAll(this.caller, agreement.primaryId) || ownsOrReadsAll(this.caller, agreement.secondaryId);
  }
}
