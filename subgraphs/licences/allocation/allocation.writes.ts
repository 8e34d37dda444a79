import type { EntityManager } from 'typeorm';
import { partnerOf } from '../../kit/auth';
import { mayNotChange, notFound, ownsOrReadsAll } from '../../kit/scope';
import { refuse, UserErrorCode } from '../../kit/writes/user-error';
import { recordWrites } from '../../kit/writes/record-writes';
import { AgreementStatus, WhiteLabelAgreement } from '../agreement/agreement.entity';
import { LicenceStatus } from '../licence/licence.entity';
import { ALLOCATION_LIFECYCLE, AllocationStatus, LicenceAllocation } from './allocation.entity';
import { openedInForce } from '../../kit/validity';
import { type AllocateCoresInput, type ReleaseAllocationInput, AllocateCoresPayload } from './allocation.inputs';
import type { AllocationRepository } from './allocation.repository';
import { requireCoresAvailable, today, type CreateOptions } from '../../kit/writes/write-helpers';

/**
 * Allocating a primary's cores to a secondary, and releasing them. The rules: an ACTIVE
 * agreement; an ACTIVE licence held by the agreement's primary; at most the licence's available
 * cores, checked with the licence row locked so concurrent allocations can never exceed it.
 * Who may: the channel team (VENDOR), or the primary of the agreement.
 */
export class AllocationWrites extends recordWrites(AllocateCoresPayload, 'alc')<{ repository: AllocationRepository }> {
  async allocate(input: AllocateCoresInput, options: CreateOptions = {}) {
    return this.refusalsAsPayload(async () => {
      return this.insertOnce('allocateCores', input, options, async (tx) => {
        this.checkAllocationInput(input);
        const agreement = await this.activeAgreement(tx.manager, input.agreementId);
        const licence = await this.uses.repository.lockLicence(tx.manager, input.licenceId);
        // Who may touch the licence first (its holder, or the channel team), then anything about it.
        if (!licence || !ownsOrReadsAll(this.caller, licence.holderId)) throw notFound('licenceId', 'Licence', input.licenceId);
        if (licence.holderId !== agreement.primaryId) {
          throw refuse(UserErrorCode.RULE_VIOLATION, 'licenceId', `Licence "${licence.id}" is not held by the agreement's primary.`);
        }
        if (licence.status !== LicenceStatus.ACTIVE) {
          throw refuse(
            UserErrorCode.RULE_VIOLATION,
            'licenceId',
            `Licence "${licence.id}" is ${licence.status}: only an ACTIVE licence can be allocated from.`,
          );
        }
        const available = licence.cores - (await this.uses.repository.activeAllocatedCoresOfLicence(tx.manager, licence.id));
        requireCoresAvailable('cores', input.cores, `licence "${licence.id}"`, available, licence.cores);
        return {
          licenceId: licence.id,
          agreementId: agreement.id,
          secondaryId: agreement.secondaryId,
          cores: input.cores,
          ...openedInForce(ALLOCATION_LIFECYCLE, input),
        };
      });
    });
  }

  async release(input: ReleaseAllocationInput) {
    return this.change(async (tx) => {
      const allocation = await this.uses.repository.lockAllocation(tx.manager, input.allocationId);
      const agreement = allocation && (await tx.manager.findOneByOrFail(WhiteLabelAgreement, { id: allocation.agreementId }));
      if (!allocation || !agreement || !this.maySee(agreement)) throw notFound('allocationId', 'Allocation', input.allocationId);
      this.authorize(agreement, 'Releasing an allocation');
      if (allocation.status !== AllocationStatus.ACTIVE) {
        throw refuse(UserErrorCode.RULE_VIOLATION, 'allocationId', `Allocation "${allocation.id}" is already ${allocation.status}.`);
      }
      const endsOn = input.endsOn ?? today();
      if (endsOn < allocation.startsOn) {
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${endsOn} is before the allocation starts (${allocation.startsOn}).`);
      }
      const after: LicenceAllocation = { ...allocation, status: AllocationStatus.RELEASED, endsOn };
      await tx.manager.update(LicenceAllocation, { id: allocation.id }, { status: after.status, endsOn: after.endsOn });
      await tx.audit('LicenceAllocation', allocation.id, 'releaseAllocation', allocation, after);
      return after;
    });
  }

  private checkAllocationInput(input: AllocateCoresInput): void {
    if (!Number.isInteger(input.cores) || input.cores < 1) {
      throw refuse(UserErrorCode.BAD_USER_INPUT, 'cores', `cores must be a whole number of at least 1 (got ${input.cores}).`);
    }
    if (input.endsOn && input.endsOn <= input.startsOn) {
      throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${input.endsOn} must be after startsOn ${input.startsOn}.`);
    }
  }

  private async activeAgreement(manager: EntityManager, agreementId: string): Promise<WhiteLabelAgreement> {
    const agreement = await manager.findOneBy(WhiteLabelAgreement, { id: agreementId });
    // Whether the caller may see it, and then change it, before anything about its state.
    if (!agreement || !this.maySee(agreement)) throw notFound('agreementId', 'White-label agreement', agreementId);
    this.authorize(agreement, 'Allocating cores');
    if (agreement.status !== AgreementStatus.ACTIVE) {
      throw refuse(
        UserErrorCode.RULE_VIOLATION,
        'agreementId',
        `Agreement "${agreementId}" is ${agreement.status}: cores can only be allocated under an ACTIVE agreement.`,
      );
    }
    return agreement;
  }

  /** The agreement's parties see it (and its allocations); to anyone else it does not exist. */
  private maySee(agreement: WhiteLabelAgreement): boolean {
    return ownsOrReadsAll(this.caller, agreement.primaryId) || ownsOrReadsAll(this.caller, agreement.secondaryId);
  }

  /** The channel team, or the primary whose licence it is. */
  private authorize(agreement: WhiteLabelAgreement, action: string): void {
    const { role } = this.caller.identity;
    if (role === 'VENDOR' || (role === 'PRIMARY' && partnerOf(this.caller) === agreement.primaryId)) return;
    throw mayNotChange(action, "the channel team (VENDOR) or the agreement's primary");
  }
}
