import { today } from '../../common/dates';
import type { Dataset } from '../../demo/generator';

/**
 * The channel's facts computed again from a dataset, independently of the subgraphs' code, so
 * tests can check the API's answers: the channel-status rule (today or as of a day), licensed
 * cores, who serves whom. Today is the server's today (common/dates.ts); a record is in force on D
 * when startsOn ≤ D ≤ endsOn.
 */
export function channelFacts(data: Dataset) {
  const codeOf = new Map(data.programs.map((p) => [p.id, p.code]));
  const membershipsOf = new Map<string, Dataset['memberships']>();
  for (const m of data.memberships) membershipsOf.set(m.partnerId, [...(membershipsOf.get(m.partnerId) ?? []), m]);
  const inForce = (startsOn: string, endsOn: string | null, day: string) => startsOn <= day && (endsOn === null || day <= endsOn);
  const member = (partnerId: string, codes: string[], day: string | null, role?: string) =>
    (membershipsOf.get(partnerId) ?? []).some(
      (m) =>
        codes.includes(codeOf.get(m.programId)!) &&
        (!role || m.role === role) &&
        ['ACTIVE', 'TERMINATED'].includes(m.status) &&
        inForce(m.startedOn, m.endedOn, day ?? today()),
    );
  const channelStatus = (partnerId: string, day: string | null = null) => {
    if (member(partnerId, ['ADVANTAGE'], day)) return 'PRIMARY';
    if (member(partnerId, ['WHITE_LABEL'], day, 'SECONDARY')) return 'SECONDARY';
    if (member(partnerId, ['VCSP', 'VCPP'], day)) return 'LEGACY_MEMBER';
    const joinedLegacy = (membershipsOf.get(partnerId) ?? []).some(
      (m) =>
        ['VCSP', 'VCPP'].includes(codeOf.get(m.programId)!) &&
        ['ACTIVE', 'TERMINATED'].includes(m.status) &&
        m.startedOn <= (day ?? today()),
    );
    return joinedLegacy ? 'EXCLUDED' : 'NOT_ENROLLED';
  };
  const licensedCores = (partnerId: string) =>
    data.licences.filter((l) => l.holderId === partnerId && inForce(l.startsOn, l.endsOn, today())).reduce((s, l) => s + l.cores, 0);
  const activeContracts = data.contracts.filter((c) => inForce(c.startsOn, c.endsOn, today()));
  const customersOf = (providerIds: Set<string>) =>
    new Set(activeContracts.filter((c) => providerIds.has(c.providerId)).map((c) => c.customerId)).size;
  const partnersWith = (status: string, day: string | null = null) => data.partners.filter((p) => channelStatus(p.id, day) === status);
  /** A threshold's population: the partners holding a licence in force today. */
  const holders = [...new Set(data.licences.filter((l) => inForce(l.startsOn, l.endsOn, today())).map((l) => l.holderId))];
  /** Ids of the distinct customers a provider serves under ACTIVE contracts, sorted. */
  const customersServedBy = (partnerId: string) =>
    [...new Set(activeContracts.filter((c) => c.providerId === partnerId).map((c) => c.customerId))].sort();
  const memberships = (partnerId: string) => membershipsOf.get(partnerId) ?? [];
  return { channelStatus, licensedCores, activeContracts, customersOf, customersServedBy, partnersWith, holders, inForce, memberships };
}
