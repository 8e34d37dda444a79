import { partnerOf, requireRole } from '../../kit/auth';
import { mayNotChange, notFound } from '../../kit/scope';
import { refuse, UserErrorCode } from '../../kit/writes/user-error';
import { recordWrites } from '../../kit/writes/record-writes';
import type { WriteTransaction } from '../../kit/writes/writer';
import type { LicencesClient, PeerAllocation } from '../peers/licences.client';
import { ContractAllocationLock } from './allocation-lock.entity';
import { CONTRACT_LIFECYCLE, ContractStatus, ServiceContract } from './contract.entity';
import { openedInForce } from '../../kit/validity';
import { type EndContractInput, type OpenContractInput, type TransferContractInput, ContractPayload } from './contract.inputs';
import { requireCoresAvailable, today, type CreateOptions } from '../../kit/writes/write-helpers';
import type { ContractScope } from './contract.scope';

/**
 * Opening and ending service contracts. A contract served by a secondary names one of its ACTIVE
 * allocations and keeps within its cores; one served by a primary names one of its ACTIVE
 * licences (both checked with the licences subgraph, as the caller). Who may: the channel team,
 * or the provider itself, for a customer it may see (one it serves or has served).
 */
export class ContractWrites extends recordWrites(ContractPayload, 'ctr')<{ licences: LicencesClient; scope: ContractScope }> {
  async open(input: OpenContractInput, options: CreateOptions = {}) {
    this.authorize(input.providerId);
    return this.refusalsAsPayload(async () => {
      const allocation = await this.checkPlacement(input);
      return this.insertOnce('openServiceContract', input, options, async (tx) => {
        // A customer outside the caller's scope is the NOT_FOUND a nonexistent one gets (README, "Who sees what").
        if (!(await this.uses.scope.customerInScope(tx.manager, input.customerId)))
          throw notFound('customerId', 'Customer', input.customerId);
        return this.newContract(tx, input, allocation);
      });
    });
  }

  /** Moves a customer to another provider: the contract ends and a new one opens, in one transaction (channel team only). */
  async transfer(input: TransferContractInput) {
    requireRole(this.caller, ['VENDOR'], 'Transferring contracts between providers');
    return this.refusalsAsPayload(async () => {
      const old = await this.dataSource.manager.findOneBy(ServiceContract, { id: input.contractId });
      if (!old) throw notFound('contractId', 'Contract', input.contractId);
      if (old.providerId === input.toProviderId)
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'toProviderId', `Contract "${old.id}" is already served by ${old.providerId}.`);
      const placement: OpenContractInput = {
        customerId: old.customerId,
        providerId: input.toProviderId,
        licenceId: input.licenceId,
        allocationId: input.allocationId,
        coresInUse: old.coresInUse,
        startsOn: input.on,
      };
      const allocation = await this.checkPlacement(placement);
      return this.writer.run(async (tx) => {
        const current = await tx.manager.findOneByOrFail(ServiceContract, { id: old.id });
        if (current.status !== ContractStatus.ACTIVE)
          throw refuse(UserErrorCode.RULE_VIOLATION, 'contractId', `Contract "${current.id}" is already ${current.status}.`);
        if (input.on < current.startsOn)
          throw refuse(UserErrorCode.BAD_USER_INPUT, 'on', `The contract started on ${current.startsOn}; it cannot move on ${input.on}.`);
        const ended: ServiceContract = { ...current, status: ContractStatus.ENDED, endsOn: input.on };
        await tx.manager.update(ServiceContract, { id: current.id }, { status: ended.status, endsOn: ended.endsOn });
        await tx.audit('ServiceContract', current.id, 'transferServiceContract', current, ended);
        return this.insertNew(tx, 'transferServiceContract', await this.newContract(tx, placement, allocation));
      });
    });
  }

  /** The rules that do not need the transaction: input shape, and the licence or allocation (asked of the licences subgraph). */
  private async checkPlacement(input: OpenContractInput): Promise<PeerAllocation | null> {
    if (Boolean(input.licenceId) === Boolean(input.allocationId)) {
      throw refuse(
        UserErrorCode.BAD_USER_INPUT,
        'licenceId',
        'Give exactly one of licenceId (a primary serving on its licence) and allocationId (a secondary serving on its allocation).',
      );
    }
    if (!Number.isInteger(input.coresInUse) || input.coresInUse < 1) {
      throw refuse(
        UserErrorCode.BAD_USER_INPUT,
        'coresInUse',
        `coresInUse must be a whole number of at least 1 (got ${input.coresInUse}).`,
      );
    }
    if (input.endsOn && input.endsOn <= input.startsOn) {
      throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${input.endsOn} must be after startsOn ${input.startsOn}.`);
    }
    if (input.licenceId) await this.licence(input.licenceId, input.providerId);
    if (!input.allocationId) return null;
    return this.allocation(input.allocationId, input.providerId);
  }

  /** The fields of a new ACTIVE contract to insert in this transaction, keeping an allocation within its cores (its lock row held until commit). */
  private async newContract(
    tx: WriteTransaction,
    input: OpenContractInput,
    allocation: PeerAllocation | null,
  ): Promise<Omit<ServiceContract, 'id'>> {
    if (allocation) {
      // The allocation's lock row, written and so locked by this transaction until it ends: a
      // refused contract rolls it back with everything else. An upsert, not INSERT IGNORE: on a
      // row another transaction holds it waits for an exclusive lock straight away (INSERT IGNORE
      // would take a shared one first, and two of those upgrading to exclusive deadlock).
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(ContractAllocationLock)
        .values({ allocationId: allocation.id })
        .orUpdate(['allocation_id'], ['allocation_id'])
        .execute();
      const inUse = await tx.manager.sum(ServiceContract, 'coresInUse', { allocationId: allocation.id, status: ContractStatus.ACTIVE });
      const free = allocation.cores - (inUse ?? 0);
      requireCoresAvailable('coresInUse', input.coresInUse, `allocation "${allocation.id}"`, free, allocation.cores);
    }
    return {
      customerId: input.customerId,
      providerId: input.providerId,
      licenceId: input.licenceId ?? null,
      allocationId: input.allocationId ?? null,
      coresInUse: input.coresInUse,
      ...openedInForce(CONTRACT_LIFECYCLE, input),
    };
  }

  async end(input: EndContractInput) {
    return this.change(async (tx) => {
      const contract = await tx.manager.findOneBy(ServiceContract, { id: input.contractId });
      // Whether the caller may see it, and then change it, before anything about its state.
      if (!contract || (await this.uses.scope.visible([contract])).length === 0) throw notFound('contractId', 'Contract', input.contractId);
      this.authorize(contract.providerId);
      if (contract.status !== ContractStatus.ACTIVE)
        throw refuse(UserErrorCode.RULE_VIOLATION, 'contractId', `Contract "${contract.id}" is already ${contract.status}.`);
      const endsOn = input.endsOn ?? today();
      if (endsOn < contract.startsOn)
        throw refuse(UserErrorCode.BAD_USER_INPUT, 'endsOn', `endsOn ${endsOn} is before the contract started (${contract.startsOn}).`);
      const after: ServiceContract = { ...contract, status: ContractStatus.ENDED, endsOn };
      await tx.manager.update(ServiceContract, { id: contract.id }, { status: after.status, endsOn });
      await tx.audit('ServiceContract', contract.id, 'endServiceContract', contract, after);
      return after;
    });
  }

  private async allocation(allocationId: string, providerId: string): Promise<PeerAllocation> {
    // Asked as the caller: an allocation it may not see is answered null, exactly as a missing one.
    const allocation = await this.uses.licences.allocation(allocationId);
    if (!allocation) throw notFound('allocationId', 'Allocation', allocationId);
    if (allocation.secondary.id !== providerId) {
      throw refuse(UserErrorCode.RULE_VIOLATION, 'allocationId', `Allocation "${allocationId}" was not made to provider ${providerId}.`);
    }
    if (allocation.status !== 'ACTIVE')
      throw refuse(UserErrorCode.RULE_VIOLATION, 'allocationId', `Allocation "${allocationId}" is ${allocation.status}.`);
    return allocation;
  }

  private async licence(licenceId: string, providerId: string): Promise<void> {
    const licence = await this.uses.licences.licence(licenceId);
    if (!licence) throw notFound('licenceId', 'Licence', licenceId);
    if (licence.holder.id !== providerId) {
      throw refuse(UserErrorCode.RULE_VIOLATION, 'licenceId', `Licence "${licenceId}" is not held by provider ${providerId}.`);
    }
    if (licence.status !== 'ACTIVE')
      throw refuse(UserErrorCode.RULE_VIOLATION, 'licenceId', `Licence "${licenceId}" is ${licence.status}.`);
  }

  /** The channel team, or the provider serving the customer. */
  private authorize(providerId: string): void {
    const { role } = this.caller.identity;
    if (role === 'VENDOR' || ((role === 'PRIMARY' || role === 'SECONDARY') && partnerOf(this.caller) === providerId)) return;
    throw mayNotChange('Opening or ending a contract', 'the channel team (VENDOR) or the provider serving it, acting as itself');
  }
}
