import type { EntityManager } from 'typeorm';
import { partnerOf, readsEverything, type Caller } from '../../kit/auth';
import { EndCustomer } from '../customer/customer.entity';
import type { LicencesClient } from '../peers/licences.client';
import { ServiceContract } from './contract.entity';

/** The contracts a partner user may see: those its partner serves, and for a primary those served with its cores. */
export interface ContractRestriction {
  providerId: string;
  /** Allocations made from the primary's licences (empty for a secondary). */
  allocationIds: string[];
}

/**
 * Scope of contracts and customers per caller. "Served with a primary's cores" needs the
 * allocations made from its licences, which the licences subgraph owns: asked once per request.
 */
export class ContractScope {
  private restrictionOnce: Promise<ContractRestriction | null> | null = null;

  constructor(
    readonly caller: Caller,
    private readonly licences: LicencesClient,
  ) {}

  get readsEverything(): boolean {
    return readsEverything(this.caller);
  }

  /** null: no restriction (the channel team and analysts). */
  restriction(): Promise<ContractRestriction | null> {
    this.restrictionOnce ??= this.computeRestriction();
    return this.restrictionOnce;
  }

  async visible(contracts: ServiceContract[]): Promise<ServiceContract[]> {
    const restriction = await this.restriction();
    if (!restriction) return contracts;
    const granted = new Set(restriction.allocationIds);
    return contracts.filter((c) => c.providerId === restriction.providerId || (c.allocationId !== null && granted.has(c.allocationId)));
  }

  /**
   * A write's customer, read in its transaction, if the caller may see it (a contract in its scope,
   * as `customer(id)` decides); otherwise null, exactly as for an id that does not exist. A partner
   * opens contracts and records migrations only for customers it serves or has served (a primary:
   * also those served with its cores); a customer new to it comes through the channel team.
   */
  async customerInScope(manager: EntityManager, customerId: string): Promise<EndCustomer | null> {
    const customer = await manager.findOneBy(EndCustomer, { id: customerId });
    if (!customer || this.readsEverything) return customer;
    return (await this.visible(await manager.findBy(ServiceContract, { customerId }))).length > 0 ? customer : null;
  }

  private async computeRestriction(): Promise<ContractRestriction | null> {
    const partnerId = partnerOf(this.caller);
    if (partnerId === null) return null;
    if (this.caller.identity.role !== 'PRIMARY') return { providerId: partnerId, allocationIds: [] };
    return { providerId: partnerId, allocationIds: await this.licences.allocationIdsGrantedBy(partnerId) };
  }
}

/** Raw-SQL form of `ContractScope.visible` ("" and no params for a full reader), for statements over service_contracts. */
export function restrictionSql(restriction: ContractRestriction | null): { sql: string; params: unknown[] } {
  if (!restriction) return { sql: '', params: [] };
  if (restriction.allocationIds.length === 0) return { sql: ' AND provider_id = ?', params: [restriction.providerId] };
  return {
    sql: ` AND (provider_id = ? OR allocation_id IN (${restriction.allocationIds.map(() => '?').join(', ')}))`,
    params: [restriction.providerId, ...restriction.allocationIds],
  };
}

/** Query-builder form of `ContractScope.visible`: "the contract under this alias is in scope", with named parameters. */
export function inScope(alias: string, restriction: ContractRestriction): { sql: string; parameters: Record<string, unknown> } {
  const granted = restriction.allocationIds.length > 0 ? ` OR ${alias}.allocation_id IN (:...scopeAllocations)` : '';
  return {
    sql: `(${alias}.provider_id = :scopeProvider${granted})`,
    parameters: { scopeProvider: restriction.providerId, scopeAllocations: restriction.allocationIds },
  };
}
