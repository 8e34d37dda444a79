import { TEXT_LIMITS, writeText } from '../../kit/text-limits';
import { partnerOf } from '../../kit/auth';
import { mayNotChange, notFound } from '../../kit/scope';
import type { ContractScope } from '../contract/contract.scope';
import { ChannelStatus } from '../../kit/channel-status';
import { refuse, UserErrorCode } from '../../kit/writes/user-error';
import { recordWrites } from '../../kit/writes/record-writes';
import type { ProgramsClient } from '../peers/programs.client';
import { ServiceContract } from '../contract/contract.entity';
import { type RecordMigrationInput, MigrationPayload } from './migration.inputs';
import type { CreateOptions } from '../../kit/writes/write-helpers';

/** Where a customer may go inside the channel: to a provider that can still serve VMware. */
const DESTINATIONS: ReadonlyArray<ChannelStatus> = [ChannelStatus.PRIMARY, ChannelStatus.SECONDARY];

/**
 * Recording a customer's move away from a provider it has (had) a contract with: to a PRIMARY or
 * SECONDARY provider (its channel status asked of the programs subgraph), or to an alternative
 * platform. Who may: the channel team, or the provider the customer leaves.
 */
export class MigrationWrites extends recordWrites(MigrationPayload, 'mig')<{
  programs: ProgramsClient;
  scope: ContractScope;
}> {
  async record(input: RecordMigrationInput, options: CreateOptions = {}) {
    const { role } = this.caller.identity;
    if (role !== 'VENDOR' && partnerOf(this.caller) !== input.fromProviderId) {
      throw mayNotChange('Recording a migration', 'the channel team (VENDOR) or the provider the customer leaves, acting as itself');
    }
    return this.refusalsAsPayload(async () => {
      const alternative = writeText(input.alternativeVendor?.trim() || null, 'alternativeVendor', TEXT_LIMITS.alternativeVendor);
      if (Boolean(input.toProviderId) === Boolean(alternative)) {
        throw refuse(
          UserErrorCode.BAD_USER_INPUT,
          'toProviderId',
          'Give exactly one of toProviderId (a move within the channel) and alternativeVendor (a move out of it).',
        );
      }
      if (input.toProviderId === input.fromProviderId)
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'toProviderId', 'A customer cannot move to the provider it leaves.');
      if (input.toProviderId) {
        const status = (await this.uses.programs.channelStatuses([input.toProviderId])).get(input.toProviderId);
        if (!status || !DESTINATIONS.includes(status)) {
          throw refuse(
            UserErrorCode.RULE_VIOLATION,
            'toProviderId',
            `Partner "${input.toProviderId}" is ${status}: a move within the channel goes to a PRIMARY or SECONDARY provider.`,
          );
        }
      }
      return this.insertOnce('recordCustomerMigration', input, options, async (tx) => {
        // A customer the caller may not see (no contract in its scope) does not exist for it.
        if (!(await this.uses.scope.customerInScope(tx.manager, input.customerId)))
          throw notFound('customerId', 'Customer', input.customerId);
        if (!(await tx.manager.findOneBy(ServiceContract, { customerId: input.customerId, providerId: input.fromProviderId }))) {
          throw refuse(
            UserErrorCode.RULE_VIOLATION,
            'fromProviderId',
            `Customer "${input.customerId}" has no contract with "${input.fromProviderId}" to leave.`,
          );
        }
        return {
          customerId: input.customerId,
          fromProviderId: input.fromProviderId,
          toProviderId: input.toProviderId ?? null,
          alternativeVendor: alternative,
          reason: input.reason,
          status: input.status,
          decidedOn: input.decidedOn,
        };
      });
    });
  }
}
