import type { Identity } from '../../common/identity';
import type { Dataset } from '../../demo/generator';

/**
 * What a caller may see, per entity type, computed from the stored rows independently of the
 * subgraphs' code (README, "Who sees what"): the scope tests and the scope fuzzer compare every
 * answer with these sets.
 */
export interface VisibleSets {
  everything: boolean;
  partners: Set<string>;
  programs: 'all';
  memberships: Set<string>;
  /** Held, or (a secondary) the source of an allocation it received. */
  licences: Set<string>;
  /** Held only: whose figures (licensedCores, allocatedCores, availableCores) the caller may read. */
  heldLicences: Set<string>;
  agreements: Set<string>;
  allocations: Set<string>;
  contracts: Set<string>;
  customers: Set<string>;
  migrations: Set<string>;
}

export function visibleSets(data: Dataset, identity: Identity): VisibleSets {
  const everything = identity.role === 'VENDOR' || identity.role === 'ANALYST';
  const own = identity.partnerId;
  const mine = (partnerId: string | null | undefined) => everything || (own !== null && partnerId === own);
  const agreementById = new Map(data.agreements.map((a) => [a.id, a]));
  const agreements = new Set(data.agreements.filter((a) => mine(a.primaryId) || mine(a.secondaryId)).map((a) => a.id));
  const allocations = new Set(data.allocations.filter((a) => agreements.has(a.agreementId)).map((a) => a.id));
  // Allocations made from the primary's licences: contracts served with them are the primary's to see.
  const grantedByMe = new Set(
    data.allocations.filter((a) => identity.role === 'PRIMARY' && agreementById.get(a.agreementId)?.primaryId === own).map((a) => a.id),
  );
  const contracts = data.contracts.filter((c) => mine(c.providerId) || (c.allocationId !== null && grantedByMe.has(c.allocationId)));
  const receivedFrom = new Set(
    data.allocations.filter((a) => identity.role === 'SECONDARY' && a.secondaryId === own).map((a) => a.licenceId),
  );
  return {
    everything,
    partners: new Set(data.partners.map((p) => p.id)),
    programs: 'all',
    memberships: new Set(data.memberships.filter((m) => mine(m.partnerId)).map((m) => m.id)),
    licences: new Set(data.licences.filter((l) => mine(l.holderId) || receivedFrom.has(l.id)).map((l) => l.id)),
    heldLicences: new Set(data.licences.filter((l) => mine(l.holderId)).map((l) => l.id)),
    agreements,
    allocations,
    contracts: new Set(contracts.map((c) => c.id)),
    customers: new Set(contracts.map((c) => c.customerId)),
    migrations: new Set(data.migrations.filter((m) => mine(m.fromProviderId) || mine(m.toProviderId)).map((m) => m.id)),
  };
}

/** The visible set of a GraphQL type's ids; undefined for a type without scope of its own (e.g. Partner: the directory). */
export function visibleIdsOf(sets: VisibleSets, typename: string): Set<string> | undefined {
  switch (typename) {
    case 'ProgramMembership':
      return sets.memberships;
    case 'Licence':
      return sets.licences;
    case 'WhiteLabelAgreement':
      return sets.agreements;
    case 'LicenceAllocation':
      return sets.allocations;
    case 'ServiceContract':
      return sets.contracts;
    case 'EndCustomer':
      return sets.customers;
    case 'CustomerMigration':
      return sets.migrations;
    default:
      return undefined;
  }
}

/** The visible set of the records an id names, by its prefix (`lic-…`); undefined for partner ids and anything else public. */
export function visibleIdsByPrefix(sets: VisibleSets, id: string): Set<string> | undefined {
  const byPrefix: Record<string, Set<string>> = {
    mbr: sets.memberships,
    lic: sets.licences,
    wla: sets.agreements,
    alc: sets.allocations,
    ctr: sets.contracts,
    cus: sets.customers,
    mig: sets.migrations,
  };
  return byPrefix[id.slice(0, 3)];
}
