import { QueryFailedError, type DataSource } from 'typeorm';
import { partnerOf, type Caller } from '../../kit/auth';
import { mayNotChange, notFound, ownsOrReadsAll } from '../../kit/scope';
import { refusalsAsErrors, refuse, UserErrorCode, type Refusal, type UserError } from '../../kit/writes/user-error';
import type { Writer } from '../../kit/writes/writer';
import { AllocationStatus, LicenceAllocation } from '../allocation/allocation.entity';
import { ChannelStatus } from '../../kit/channel-status';
import type { PartnersClient } from '../peers/partners.client';
import type { ProgramsClient } from '../peers/programs.client';
import { activePairOf, AgreementStatus, WhiteLabelAgreement } from './agreement.entity';
import type { SignAgreementInput, TerminateAgreementInput } from './agreement.inputs';
import { idForNew, today, forUpdate, type CreateOptions } from '../../kit/writes/write-helpers';

type AgreementPayload = { agreement: WhiteLabelAgreement | null; errors: UserError[] };

/**
 * Signing and terminating white-label agreements. An agreement joins an active primary (channel
 * status PRIMARY, from the programs subgraph) and a partner that is not a primary; one ACTIVE
 * agreement per pair (also enforced by a unique index). Terminating releases its allocations.
 * Who may: the channel team (VENDOR), or the primary of the agreement.
 */
export class AgreementWrites {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: Writer,
    private readonly partners: PartnersClient,
    private readonly programs: ProgramsClient,
    private readonly caller: Caller,
  ) {}

  async sign(input: SignAgreementInput, options: CreateOptions = {}): Promise<AgreementPayload> {
    this.authorize(input.primaryId, 'Signing an agreement');
    return refusalsAsErrors<AgreementPayload>(
      async () => {
        if (input.primaryId === input.secondaryId)
          throw refuse(UserErrorCode.BAD_USER_INPUT, 'secondaryId', 'A partner cannot sign an agreement with itself.');
        if (input.endsOn && input.endsOn <= input.signedOn) {
          throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${input.endsOn} must be after signedOn ${input.signedOn}.`);
        }
        const pair = [input.primaryId, input.secondaryId];
        const [existing, statuses] = await Promise.all([this.partners.existing(pair), this.programs.channelStatuses(pair)]);
        if (!existing.has(input.primaryId))
          throw refuse(UserErrorCode.NOT_FOUND, 'primaryId', `Partner "${input.primaryId}" was not found.`);
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
        const id = await this.writer
          .runOnce('signWhiteLabelAgreement', input, async (tx) => {
            const existing = await tx.manager.findOneBy(WhiteLabelAgreement, {
              primaryId: input.primaryId,
              secondaryId: input.secondaryId,
              status: AgreementStatus.ACTIVE,
            });
            if (existing) throw this.alreadyActive(existing.id);
            const agreement: WhiteLabelAgreement = {
              id: await idForNew(tx.manager, WhiteLabelAgreement, 'wla', options),
              primaryId: input.primaryId,
              secondaryId: input.secondaryId,
              status: AgreementStatus.ACTIVE,
              signedOn: input.signedOn,
              endsOn: input.endsOn ?? null,
              activePair: activePairOf(AgreementStatus.ACTIVE),
            };
            return tx.insertAudited(WhiteLabelAgreement, 'signWhiteLabelAgreement', agreement);
          })
          .catch((error: unknown) => {
            // Two signings of the same pair at once: the unique index lets one through.
            if (isUniqueViolation(error)) throw this.alreadyActive(null);
            throw error;
          });
        return { agreement: await this.dataSource.manager.findOneByOrFail(WhiteLabelAgreement, { id }), errors: [] };
      },
      (errors) => ({ agreement: null, errors }),
    );
  }

  async terminate(input: TerminateAgreementInput): Promise<AgreementPayload> {
    return refusalsAsErrors<AgreementPayload>(
      async () => {
        const terminated = await this.writer.run(async (tx) => {
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
          await tx.manager.update(
            WhiteLabelAgreement,
            { id: agreement.id },
            { status: after.status, endsOn, activePair: after.activePair },
          );
          await tx.audit('WhiteLabelAgreement', agreement.id, 'terminateWhiteLabelAgreement', agreement, after);
          const active = await tx.manager.findBy(LicenceAllocation, { agreementId: agreement.id, status: AllocationStatus.ACTIVE });
          for (const allocation of active) {
            const released = { ...allocation, status: AllocationStatus.RELEASED, endsOn };
            await tx.manager.update(LicenceAllocation, { id: allocation.id }, { status: released.status, endsOn });
            await tx.audit('LicenceAllocation', allocation.id, 'terminateWhiteLabelAgreement', allocation, released);
          }
          return after;
        });
        return { agreement: terminated, errors: [] };
      },
      (errors) => ({ agreement: null, errors }),
    );
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
