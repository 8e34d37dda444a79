import { TEXT_LIMITS, writeText } from '../../kit/text-limits';
import type { EntityManager } from 'typeorm';
import { requireRole } from '../../kit/auth';
import { WhiteLabelRole } from '../../kit/white-label-role';
import { refuse, UserErrorCode } from '../../kit/writes/user-error';
import { recordWrites } from '../../kit/writes/record-writes';
import type { WriteTransaction } from '../../kit/writes/writer';
import type { LicencesClient } from '../peers/licences.client';
import type { PartnersClient } from '../peers/partners.client';
import { Program, ProgramCode } from '../program/program.entity';
import { type InviteToProgramInput, type MembershipDecisionInput, MembershipPayload } from './membership.inputs';
import { MembershipStatus, ProgramMembership } from './membership.entity';
import { today, type CreateOptions } from '../../kit/writes/write-helpers';

/**
 * Program decisions, for the channel team (VENDOR): invite, admit, refuse, terminate. Admission
 * to a program with a floor (ADVANTAGE: 3,500) checks the partner's licensed cores as the
 * licences subgraph counts them at that moment; a white-label primary must be an ADVANTAGE member.
 */
export class MembershipWrites extends recordWrites(MembershipPayload, 'mbr')<{
  partners: PartnersClient;
  licences: LicencesClient;
}> {
  async invite(input: InviteToProgramInput, options: CreateOptions = {}) {
    requireRole(this.caller, ['VENDOR'], 'Inviting partners into programs');
    return this.refusalsAsPayload(async () => {
      writeText(input.reason, 'reason', TEXT_LIMITS.reason);
      const program = await this.dataSource.manager.findOneByOrFail(Program, { code: input.programCode });
      if ((program.code === ProgramCode.WHITE_LABEL) !== Boolean(input.role)) {
        throw refuse(
          UserErrorCode.BAD_USER_INPUT,
          'role',
          program.code === ProgramCode.WHITE_LABEL
            ? 'A WHITE_LABEL invitation needs a role (PRIMARY or SECONDARY).'
            : `Only WHITE_LABEL memberships have a role, not ${program.code}.`,
        );
      }
      if (!(await this.uses.partners.existing([input.partnerId])).has(input.partnerId))
        throw refuse(UserErrorCode.NOT_FOUND, 'partnerId', `Partner "${input.partnerId}" was not found.`);
      return this.insertOnce('inviteToProgram', input, options, async (tx) => {
        const current = await tx.manager.findOne(ProgramMembership, {
          where: [
            { programId: program.id, partnerId: input.partnerId, status: MembershipStatus.ACTIVE },
            { programId: program.id, partnerId: input.partnerId, status: MembershipStatus.INVITED },
          ],
        });
        if (current) {
          throw refuse(
            UserErrorCode.CONFLICT,
            'partnerId',
            `Partner "${input.partnerId}" is already ${current.status} in ${program.code} (membership "${current.id}").`,
          );
        }
        return {
          programId: program.id,
          partnerId: input.partnerId,
          status: MembershipStatus.INVITED,
          role: input.role ?? null,
          startedOn: input.invitedOn,
          endedOn: null,
          reason: input.reason ?? null,
        };
      });
    });
  }

  async admit(input: MembershipDecisionInput) {
    requireRole(this.caller, ['VENDOR'], 'Admitting partners into programs');
    return this.refusalsAsPayload(async () => {
      const membership = await this.invited(this.dataSource.manager, input.membershipId);
      const program = await this.dataSource.manager.findOneByOrFail(Program, { id: membership.programId });
      if (program.minLicensedCores !== null) {
        const cores = await this.uses.licences.licensedCores(membership.partnerId);
        if (cores < program.minLicensedCores) {
          throw refuse(
            UserErrorCode.RULE_VIOLATION,
            'membershipId',
            `Partner "${membership.partnerId}" holds ${cores} licensed cores; ${program.code} requires at least ${program.minLicensedCores}.`,
          );
        }
      }
      return this.decide(input, 'admitToProgram', MembershipStatus.INVITED, async (tx, current) => {
        if (program.code === ProgramCode.WHITE_LABEL && current.role === WhiteLabelRole.PRIMARY)
          await this.requireAdvantageMember(tx.manager, current.partnerId);
        return { status: MembershipStatus.ACTIVE, startedOn: input.on ?? current.startedOn };
      });
    });
  }

  async refuse(input: MembershipDecisionInput) {
    requireRole(this.caller, ['VENDOR'], 'Refusing partners');
    return this.refusalsAsPayload(() =>
      this.decide(input, 'refuseMembership', MembershipStatus.INVITED, async () => ({
        status: MembershipStatus.NOT_INVITED,
        reason: writeText(input.reason, 'reason', TEXT_LIMITS.reason) ?? null,
      })),
    );
  }

  async terminate(input: MembershipDecisionInput) {
    requireRole(this.caller, ['VENDOR'], 'Terminating memberships');
    return this.refusalsAsPayload(() =>
      this.decide(input, 'terminateMembership', MembershipStatus.ACTIVE, async (_tx, current) => {
        const endedOn = input.on ?? today();
        if (endedOn < current.startedOn)
          throw refuse(UserErrorCode.BAD_USER_INPUT, 'on', `The membership started on ${current.startedOn}; it cannot end on ${endedOn}.`);
        return {
          status: MembershipStatus.TERMINATED,
          endedOn,
          reason: writeText(input.reason, 'reason', TEXT_LIMITS.reason) ?? current.reason,
        };
      }),
    );
  }

  /** Moves a membership from `from` to the state `change` gives, audited, in one transaction. */
  private async decide(
    input: MembershipDecisionInput,
    action: string,
    from: MembershipStatus,
    change: (tx: WriteTransaction, current: ProgramMembership) => Promise<Partial<ProgramMembership>>,
  ): Promise<ProgramMembership> {
    return this.writer.run(async (tx) => {
      const current = await tx.manager.findOneBy(ProgramMembership, { id: input.membershipId });
      if (!current) throw refuse(UserErrorCode.NOT_FOUND, 'membershipId', `Membership "${input.membershipId}" was not found.`);
      if (current.status !== from)
        throw refuse(
          UserErrorCode.RULE_VIOLATION,
          'membershipId',
          `Membership "${current.id}" is ${current.status}; this decision needs ${from}.`,
        );
      const after = { ...current, ...(await change(tx, current)) };
      await tx.manager.update(
        ProgramMembership,
        { id: current.id },
        { status: after.status, startedOn: after.startedOn, endedOn: after.endedOn, reason: after.reason },
      );
      await tx.audit('ProgramMembership', current.id, action, current, after);
      return after;
    });
  }

  private async invited(manager: EntityManager, membershipId: string): Promise<ProgramMembership> {
    const membership = await manager.findOneBy(ProgramMembership, { id: membershipId });
    if (!membership) throw refuse(UserErrorCode.NOT_FOUND, 'membershipId', `Membership "${membershipId}" was not found.`);
    if (membership.status !== MembershipStatus.INVITED) {
      throw refuse(
        UserErrorCode.RULE_VIOLATION,
        'membershipId',
        `Membership "${membershipId}" is ${membership.status}; only an INVITED partner can be admitted.`,
      );
    }
    return membership;
  }

  private async requireAdvantageMember(manager: EntityManager, partnerId: string): Promise<void> {
    const advantage = await manager.findOneByOrFail(Program, { code: ProgramCode.ADVANTAGE });
    const member = await manager.findOneBy(ProgramMembership, { programId: advantage.id, partnerId, status: MembershipStatus.ACTIVE });
    if (!member)
      throw refuse(
        UserErrorCode.RULE_VIOLATION,
        'membershipId',
        `Partner "${partnerId}" is not an ADVANTAGE member: only admitted partners can be white-label primaries.`,
      );
  }
}
