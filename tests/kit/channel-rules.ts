import type { Dataset } from '../../demo/generator';

/**
 * The channel rules (docs/architecture.md, "The domain"), checked on a whole dataset,
 * written independently of the generator. Returns every violation found, empty when all hold.
 */
export function channelRuleViolations(data: Dataset): string[] {
  const violations: string[] = [];
  const fail = (message: string) => violations.length < 50 && violations.push(message);

  const program = Object.fromEntries(data.programs.map((p) => [p.code, p]));
  for (const code of ['VCSP', 'VCPP', 'ADVANTAGE', 'WHITE_LABEL']) if (!program[code]) fail(`program ${code} missing`);
  if (program.VCSP?.status !== 'CLOSED' || !program.VCSP?.closedOn) fail('VCSP must be CLOSED with a closedOn date');
  if (program.ADVANTAGE?.minLicensedCores !== 3500 || !program.ADVANTAGE?.invitationOnly)
    fail('ADVANTAGE must be invitation only with minLicensedCores 3500');
  const threshold = program.ADVANTAGE?.minLicensedCores ?? 3500;
  const codeOf = new Map(data.programs.map((p) => [p.id, p.code]));

  const partnerIds = new Set(data.partners.map((p) => p.id));
  for (const category of [
    'GLOBAL_SYSTEM_INTEGRATOR',
    'VERTICAL_SPECIALIST',
    'SOVEREIGN_CLOUD',
    'REGIONAL_CLOUD',
    'MANAGED_SERVICE_PROVIDER',
  ]) {
    if (!data.partners.some((p) => p.category === category)) fail(`no partner of category ${category}`);
  }
  for (const region of ['AMER', 'EMEA', 'APJ']) if (!data.partners.some((p) => p.region === region)) fail(`no partner in region ${region}`);

  const membershipsOf = new Map<string, Dataset['memberships']>();
  for (const m of data.memberships) {
    if (!partnerIds.has(m.partnerId)) fail(`membership ${m.id} names unknown partner ${m.partnerId}`);
    if (m.endedOn && m.endedOn < m.startedOn) fail(`membership ${m.id} ends before it starts`);
    if ((codeOf.get(m.programId) === 'WHITE_LABEL') !== (m.role !== null))
      fail(`membership ${m.id}: role is for WHITE_LABEL only, and required there`);
    membershipsOf.set(m.partnerId, [...(membershipsOf.get(m.partnerId) ?? []), m]);
  }
  const has = (partnerId: string, code: string, status: string, role: string | null = null) =>
    (membershipsOf.get(partnerId) ?? []).some(
      (m) => codeOf.get(m.programId) === code && m.status === status && (role === null || m.role === role),
    );
  const isPrimary = (id: string) => has(id, 'ADVANTAGE', 'ACTIVE');
  const isSecondary = (id: string) => !isPrimary(id) && has(id, 'WHITE_LABEL', 'ACTIVE', 'SECONDARY');
  const wasLegacy = (id: string) => (membershipsOf.get(id) ?? []).some((m) => ['VCSP', 'VCPP'].includes(codeOf.get(m.programId)!));

  const licence = new Map(data.licences.map((l) => [l.id, l]));
  const licensedCores = new Map<string, number>();
  for (const l of data.licences) {
    if (!partnerIds.has(l.holderId)) fail(`licence ${l.id} held by unknown partner ${l.holderId}`);
    if (l.cores <= 0) fail(`licence ${l.id} has ${l.cores} cores`);
    if (l.endsOn < l.startsOn) fail(`licence ${l.id} ends before it starts`);
    if (l.status === 'ACTIVE') licensedCores.set(l.holderId, (licensedCores.get(l.holderId) ?? 0) + l.cores);
  }

  for (const p of data.partners) {
    if (isPrimary(p.id) && (licensedCores.get(p.id) ?? 0) < threshold)
      fail(`primary ${p.id} holds ${licensedCores.get(p.id) ?? 0} cores, below ${threshold}`);
    if (has(p.id, 'WHITE_LABEL', 'ACTIVE', 'PRIMARY') && !isPrimary(p.id))
      fail(`white-label primary ${p.id} is not an active ADVANTAGE member`);
  }

  const agreement = new Map(data.agreements.map((a) => [a.id, a]));
  const activePairs = new Set<string>();
  const activeAgreementsOf = new Map<string, number>();
  for (const a of data.agreements) {
    if (a.endsOn && a.endsOn < a.signedOn) fail(`agreement ${a.id} ends before it is signed`);
    if (a.status !== 'ACTIVE') continue;
    if (!isPrimary(a.primaryId) || !has(a.primaryId, 'WHITE_LABEL', 'ACTIVE', 'PRIMARY'))
      fail(`agreement ${a.id}: ${a.primaryId} is not an active white-label primary`);
    if (isPrimary(a.secondaryId)) fail(`agreement ${a.id}: secondary ${a.secondaryId} is itself a primary`);
    if (!isSecondary(a.secondaryId)) fail(`agreement ${a.id}: ${a.secondaryId} has no active white-label SECONDARY membership`);
    const pair = `${a.primaryId}>${a.secondaryId}`;
    if (activePairs.has(pair)) fail(`two active agreements for pair ${pair}`);
    activePairs.add(pair);
    activeAgreementsOf.set(a.secondaryId, (activeAgreementsOf.get(a.secondaryId) ?? 0) + 1);
  }
  if (activePairs.size < 10) fail(`only ${activePairs.size} active agreements; at least 10 expected`);

  const usedOfLicence = new Map<string, number>();
  const allocation = new Map(data.allocations.map((a) => [a.id, a]));
  for (const a of data.allocations) {
    const l = licence.get(a.licenceId);
    const ag = agreement.get(a.agreementId);
    if (!l || !ag) {
      fail(`allocation ${a.id} names a missing licence or agreement`);
      continue;
    }
    if (a.cores <= 0) fail(`allocation ${a.id} has ${a.cores} cores`);
    if (l.holderId !== ag.primaryId) fail(`allocation ${a.id} comes from licence ${l.id} not held by the agreement's primary`);
    if (a.secondaryId !== ag.secondaryId) fail(`allocation ${a.id} goes to ${a.secondaryId}, not the agreement's secondary`);
    if (a.status !== 'ACTIVE') continue;
    if (ag.status !== 'ACTIVE') fail(`active allocation ${a.id} under ${ag.status} agreement ${ag.id}`);
    if (l.status !== 'ACTIVE') fail(`active allocation ${a.id} from ${l.status} licence ${l.id}`);
    usedOfLicence.set(l.id, (usedOfLicence.get(l.id) ?? 0) + a.cores);
  }

  const customerIds = new Set(data.customers.map((c) => c.id));
  const usedOfAllocation = new Map<string, number>();
  for (const c of data.contracts) {
    if (!customerIds.has(c.customerId)) fail(`contract ${c.id} names unknown customer ${c.customerId}`);
    if (c.coresInUse <= 0) fail(`contract ${c.id} uses ${c.coresInUse} cores`);
    if (c.endsOn && c.endsOn < c.startsOn) fail(`contract ${c.id} ends before it starts`);
    if ((c.licenceId === null) === (c.allocationId === null)) fail(`contract ${c.id} must name exactly one of licence and allocation`);
    if (c.allocationId) {
      const a = allocation.get(c.allocationId);
      if (!a) fail(`contract ${c.id} names unknown allocation ${c.allocationId}`);
      else {
        if (a.secondaryId !== c.providerId) fail(`contract ${c.id} is served by ${c.providerId} on an allocation to ${a.secondaryId}`);
        if (c.status === 'ACTIVE') {
          if (a.status !== 'ACTIVE') fail(`active contract ${c.id} on ${a.status} allocation ${a.id}`);
          if (!isSecondary(c.providerId)) fail(`contract ${c.id} on an allocation, but ${c.providerId} is not a secondary`);
          usedOfAllocation.set(a.id, (usedOfAllocation.get(a.id) ?? 0) + c.coresInUse);
        }
      }
    }
    if (c.licenceId) {
      const l = licence.get(c.licenceId);
      if (!l) fail(`contract ${c.id} names unknown licence ${c.licenceId}`);
      else {
        if (l.holderId !== c.providerId) fail(`contract ${c.id} is served by ${c.providerId} on a licence held by ${l.holderId}`);
        if (c.status === 'ACTIVE') {
          if (l.status !== 'ACTIVE') fail(`active contract ${c.id} on ${l.status} licence ${l.id}`);
          usedOfLicence.set(l.id, (usedOfLicence.get(l.id) ?? 0) + c.coresInUse);
        }
      }
    }
  }
  for (const [id, used] of usedOfLicence)
    if (used > licence.get(id)!.cores) fail(`licence ${id} over-used: ${used} > ${licence.get(id)!.cores} cores`);
  for (const [id, used] of usedOfAllocation)
    if (used > allocation.get(id)!.cores) fail(`allocation ${id} over-used: ${used} > ${allocation.get(id)!.cores} cores`);

  // Time: dated chains nest (a child in force only while its parents are; endsOn is the last day).
  const within = (child: { startsOn: string; endsOn: string | null }, parent: { startsOn: string; endsOn: string | null }) =>
    child.startsOn >= parent.startsOn && (parent.endsOn === null || (child.endsOn !== null && child.endsOn <= parent.endsOn));
  for (const a of data.allocations) {
    const l = licence.get(a.licenceId);
    const ag = agreement.get(a.agreementId);
    if (l && !within(a, l))
      fail(`allocation ${a.id} (${a.startsOn}..${a.endsOn ?? ''}) is not within licence ${l.id} (${l.startsOn}..${l.endsOn})`);
    if (ag && !within(a, { startsOn: ag.signedOn, endsOn: ag.endsOn }))
      fail(`allocation ${a.id} (${a.startsOn}..${a.endsOn ?? ''}) is not within agreement ${ag.id} (${ag.signedOn}..${ag.endsOn ?? ''})`);
  }
  for (const c of data.contracts) {
    const parent = c.allocationId ? allocation.get(c.allocationId) : c.licenceId ? licence.get(c.licenceId) : undefined;
    if (parent && !within(c, parent))
      fail(
        `contract ${c.id} (${c.startsOn}..${c.endsOn ?? ''}) is not within ${c.allocationId ? 'allocation' : 'licence'} ${parent.id} (${parent.startsOn}..${parent.endsOn ?? ''})`,
      );
  }

  const excluded = data.partners.filter((p) => wasLegacy(p.id) && !isPrimary(p.id) && !isSecondary(p.id));
  if (excluded.length === 0) fail('no excluded partners');
  for (const p of excluded) {
    if (!has(p.id, 'ADVANTAGE', 'NOT_INVITED') && !has(p.id, 'ADVANTAGE', 'DECLINED'))
      fail(`excluded partner ${p.id} was neither NOT_INVITED nor DECLINED`);
    if (activeAgreementsOf.has(p.id)) fail(`excluded partner ${p.id} has an active agreement`);
    if (has(p.id, 'ADVANTAGE', 'NOT_INVITED') && (licensedCores.get(p.id) ?? 0) >= threshold)
      fail(`partner ${p.id} was not invited with ${licensedCores.get(p.id)} cores`);
  }
  const excludedIds = new Set(excluded.map((p) => p.id));
  if (data.migrations.length === 0) fail('no customer migrations');
  for (const m of data.migrations) {
    if (!excludedIds.has(m.fromProviderId)) fail(`migration ${m.id} leaves ${m.fromProviderId}, which is not an excluded partner`);
    if ((m.toProviderId === null) === (m.alternativeVendor === null))
      fail(`migration ${m.id} must go to exactly one of a provider and an alternative vendor`);
    if (m.toProviderId && !isPrimary(m.toProviderId)) fail(`migration ${m.id} goes to ${m.toProviderId}, which is not a primary`);
  }
  return violations;
}
