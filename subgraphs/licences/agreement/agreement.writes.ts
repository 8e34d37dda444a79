import { QueryFailedError } from 'typeorm';
import { partnerOf } from '../../kit/auth';
import { mayNotChange, notFound, ownsOrReadsAll } from '../../kit/scope';
import { refuse, UserErrorCode, type Refusal } from '../../kit/writes/user-error';
import { recordWrites } from '../../kit/writes/record-writes';
import { AllocationStatus, LicenceAllocation } from '../allocation/allocation.entity';
import { ChannelStatus } from '../../kit/channel-status';
import type { PartnersClient } from '../peers/partners.client';
import type { ProgramsClient } from '../peers/programs.client';
import { activePairOf, AgreementStatus, WhiteLabelAgreement } from './agreement.entity';
import { type SignAgreementInput, type TerminateAgreementInput, AgreementPayload } from './agreement.inputs';
import { today, forUpdate, type CreateOptions } from '../../kit/writes/write-helpers';

/**
 * Signing and terminating white-label agreements. An agreement joins an active primary (channel
 * status PRIMARY, from the programs subgraph) and a partner that is not a primary; one ACTIVE
 * agreement per pair (also enforced by a unique index). Terminating releases its allocations.
 * Who may: the channel team (VENDOR), or the primary of the agreement.
 */
export class AgreementWrites extends recordWrites(AgreementPayload, 'wla')<{
  partners: PartnersClient;
  programs: ProgramsClient;
}> {
  async sign(input: SignAgreementInput, options: CreateOptions = {}) {
    this.authorize(input.primaryId, 'Signing an agreement');
    return this.refusalsAsPayload(async () => {
      if (input.primaryId === input.secondaryId)
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'secondaryId', 'A partner cannot sign an agreement with itself.');
      if (input.endsOn && input.endsOn <= input.signedOn) {
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${input.endsOn} must be after signedOn ${input.signedOn}.`);
      }
      const pair = [input.primaryId, input.secondaryId];
      const [existing, statuses] = await Promise.all([this.uses.partners.existing(pair), this.uses.programs.channelStatuses(pair)]);
      if (!existing.has(input.primaryId)) throw refuse(UserErrorCode.NOT_FOUND, 'primaryId', `Partner "${input.primaryId}" was not found.`);
      if (!existing.has(input.secondaryId))
        throw refuse(UserErrorCode.NOT_FOUND, 'secondaryId', `Partner "${input.secondaryId}" was not found.`);
      const primaryStatus = statuses.get(input.primaryId);
      if (primaryStatus !== ChannelStatus.PRIMARY) {
        throw refuse(
          UserErrorCode.RULE_VIOLATION,
          'primaryId',
          `Partner "${input.primaryId}" is ${primaryStatus}: only an active ADVANTAGE member (PRIMARY) can resell.`,
        );
      }
      if (statuses.get(input.secondaryId) === ChannelStatus.PRIMARY) {
        throw refuse(
          UserErrorCode.RULE_VIOLATION,
          'secondaryId',
          `Partner "${input.secondaryId}" is itself a PRIMARY: it buys from the vendor, not from another primary.`,
        );
      }
      return this.insertOnce('signWhiteLabelAgreement', input, options, async (tx) => {
        const existing = await tx.manager.findOneBy(WhiteLabelAgreement, {
          primaryId: input.primaryId,
          secondaryId: input.secondaryId,
          status: AgreementStatus.ACTIVE,
        });
        if (existing) throw this.alreadyActive(existing.id);
        return {
          primaryId: input.primaryId,
          secondaryId: input.secondaryId,
          status: AgreementStatus.ACTIVE,
          signedOn: input.signedOn,
          endsOn: input.endsOn ?? null,
          activePair: activePairOf(AgreementStatus.ACTIVE),
        };
      }).catch((error: unknown) => {
        // Two signings of the same pair at once: the unique index lets one through.
        if (isUniqueViolation(error)) throw this.alreadyActive(null);
        throw error;
      });
    });
  }

  async terminate(input: TerminateAgreementInput) {
    return this.change(async (tx) => {
      const agreement = await tx.manager.findOne(WhiteLabelAgreement, {
        where: { id: input.agreementId },
        ...forUpdate(tx.manager),
      });
      // Whether the caller may see it, and then change it, before anything about its state.
      if (!agreement || !(ownsOrReadsAll(this.caller, agreement.primaryId) || ownsOrReadsAll(this.caller, agreement.secondaryId))) {
        throw notFound('agreementId', 'White-label agreement', input.agreementId);
      }
      this.authorize(agreement.primaryId, 'Terminating an agreement');
      if (agreement.status !== AgreementStatus.ACTIVE) {
        throw refuse(UserErrorCode.RULE_VIOLATION, 'agreementId', `Agreement "${agreement.id}" is already ${agreement.status}.`);
      }
      const endsOn = input.endsOn ?? today();
      if (endsOn < agreement.signedOn)
        throw refuse(
          UserErrorCode.BAD_USER_INPUT,
          'endsOn',
          `endsOn ${endsOn} is before the agreement was signed (${agreement.signedOn}).`,
        );
      const after: WhiteLabelAgreement = {
        ...agreement,
        status: AgreementStatus.TERMINATED,
        endsOn,
        activePair: activePairOf(AgreementStatus.TERMINATED),
      };
      await tx.manager.update(WhiteLabelAgreement, { id: agreement.id }, { status: after.status, endsOn, activePair: after.activePair });
      await tx.audit('WhiteLabelAgreement', agreement.id, 'terminateWhiteLabelAgreement', agreement, after);
      const active = await tx.manager.findBy(LicenceAllocation, { agreementId: agreement.id, status: AllocationStatus.ACTIVE });
      for (const allocation of active) {
        const released = { ...allocation, status: AllocationStatus.RELEASED, endsOn };
        await tx.manager.update(LicenceAllocation, { id: allocation.id }, { status: released.status, endsOn });
        await tx.audit('LicenceAllocation', allocation.id, 'terminateWhiteLabelAgreement', allocation, released);
      }
      return after;
    });
  }

  /** The channel team, or the primary itself. */
  private authorize(primaryId: string, action: string): void {
    const { role } = this.caller.identity;
    if (role === 'VENDOR' || (role === 'PRIMARY' && partnerOf(this.caller) === primaryId)) return;
    throw mayNotChange(action, "the channel team (VENDOR) or the agreement's primary, acting as itself");
  }

  private alreadyActive(existingId: string | null): Refusal {
    return refuse(
      UserErrorCode.CONFLICT,
      'secondaryId',
      `These partners already have an ACTIVE agreement${existingId ? ` ("${existingId}")` : ''}: terminate it first.`,
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
