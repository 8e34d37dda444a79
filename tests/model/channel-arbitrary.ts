import fc from 'fast-check';
import { addDays } from '../../common/dates';
import type { Dataset } from '../../demo/generator';
import { emptyDataset } from '../../demo/seed';
import { PROGRAM_CATALOGUE } from '../../subgraphs/programs/program/program.catalogue';
import type { Row } from './channel-model';

/**
 * Small channel histories for property-based tests: a few partners, memberships, licences,
 * agreements, allocations, customers, contracts and migrations, whose dated chains nest (an
 * allocation within its agreement and licence, a contract within its allocation or licence).
 * Days come from a short grid around `today`, so records start and end on the same days, on
 * today, the day before and after: the edges of the time rule. fast-check shrinks a failing
 * history to a minimal one.
 */

/** The grid of days: today and days a few weeks apart on both sides, plus their neighbours. */
export function dayGrid(today: string): string[] {
  const steps = [-400, -120, -31, -1, 0, 1, 30, 200];
  return steps.map((step) => addDays(today, step));
}

const CATEGORIES = [
  'GLOBAL_SYSTEM_INTEGRATOR',
  'VERTICAL_SPECIALIST',
  'SOVEREIGN_CLOUD',
  'REGIONAL_CLOUD',
  'MANAGED_SERVICE_PROVIDER',
] as const;
const REGIONS = ['AMER', 'EMEA', 'APJ'] as const;
const COUNTRIES = ['IT', 'DE', 'US', 'JP'] as const;
const PRODUCTS = ['VMWARE_CLOUD_FOUNDATION', 'VSPHERE_FOUNDATION', 'VSPHERE_STANDARD'] as const;
const CORES = [100, 1_000, 2_499, 3_499, 3_500, 6_000] as const;

/** Two days of the grid, in order (the same day twice included). */
const span = (grid: string[]) =>
  fc.tuple(fc.constantFrom(...grid), fc.constantFrom(...grid)).map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const)));
const maybeOpen = (grid: string[]) => fc.tuple(span(grid), fc.boolean()).map(([[start, end], open]) => ({ start, end: open ? null : end }));

function latest(...days: string[]): string {
  return days.reduce((a, b) => (a > b ? a : b));
}
function earliest(...days: Array<string | null>): string | null {
  return days.reduce<string | null>((a, b) => (a === null ? b : b === null ? a : a < b ? a : b), null);
}

export function channelHistory(today: string): fc.Arbitrary<Dataset> {
  const grid = dayGrid(today);
  const partnerCount = fc.integer({ min: 2, max: 6 });
  return partnerCount.chain((n) => {
    const partnerIndex = fc.integer({ min: 0, max: n - 1 });
    const membership = fc.record({
      partner: partnerIndex,
      program: fc.constantFrom(...PROGRAM_CATALOGUE.map((p) => p.code)),
      status: fc.constantFrom('ACTIVE', 'ACTIVE', 'TERMINATED', 'INVITED', 'NOT_INVITED', 'DECLINED'),
      role: fc.constantFrom('PRIMARY', 'SECONDARY'),
      dates: span(grid),
    });
    const licence = fc.record({
      holder: partnerIndex,
      cores: fc.constantFrom(...CORES),
      product: fc.constantFrom(...PRODUCTS),
      dates: span(grid),
    });
    const agreement = fc.record({ primary: partnerIndex, secondary: partnerIndex, dates: maybeOpen(grid), terminated: fc.boolean() });
    const allocation = fc.record({
      agreement: fc.nat(),
      licence: fc.nat(),
      cores: fc.integer({ min: 1, max: 800 }),
      dates: maybeOpen(grid),
    });
    const contract = fc.record({
      customer: fc.nat(),
      onAllocation: fc.boolean(),
      parent: fc.nat(),
      cores: fc.integer({ min: 1, max: 60 }),
      dates: maybeOpen(grid),
      ended: fc.boolean(),
    });
    const migration = fc.record({
      contract: fc.nat(),
      to: fc.option(partnerIndex, { nil: null }),
      status: fc.constantFrom('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'),
      reason: fc.constantFrom('PROVIDER_EXCLUDED', 'COST', 'SOVEREIGNTY', 'CONSOLIDATION'),
      decidedOn: fc.constantFrom(...grid),
      vendor: fc.constantFrom('Proxmox VE', 'OpenStack (KVM)'),
    });
    return fc
      .record({
        partners: fc.array(
          fc.record({
            category: fc.constantFrom(...CATEGORIES),
            region: fc.constantFrom(...REGIONS),
            country: fc.constantFrom(...COUNTRIES),
          }),
          {
            minLength: n,
            maxLength: n,
          },
        ),
        memberships: fc.array(membership, { maxLength: 3 * n }),
        licences: fc.array(licence, { maxLength: 2 * n }),
        agreements: fc.array(agreement, { maxLength: n }),
        allocations: fc.array(allocation, { maxLength: 4 }),
        customers: fc.array(fc.record({ industry: fc.constantFrom('RETAIL', 'HEALTHCARE', 'PUBLIC_SECTOR'), sovereign: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        contracts: fc.array(contract, { maxLength: 6 }),
        migrations: fc.array(migration, { maxLength: 3 }),
      })
      .map((plan) => build(plan, today));
  });
}

type Plan = {
  partners: Array<{ category: string; region: string; country: string }>;
  memberships: Array<{ partner: number; program: string; status: string; role: string; dates: readonly [string, string] }>;
  licences: Array<{ holder: number; cores: number; product: string; dates: readonly [string, string] }>;
  agreements: Array<{ primary: number; secondary: number; dates: { start: string; end: string | null }; terminated: boolean }>;
  allocations: Array<{ agreement: number; licence: number; cores: number; dates: { start: string; end: string | null } }>;
  customers: Array<{ industry: string; sovereign: boolean }>;
  contracts: Array<{
    customer: number;
    onAllocation: boolean;
    parent: number;
    cores: number;
    dates: { start: string; end: string | null };
    ended: boolean;
  }>;
  migrations: Array<{ contract: number; to: number | null; status: string; reason: string; decidedOn: string; vendor: string }>;
};

/** Turns a plan into rows the stores accept, nesting every dated chain. */
function build(plan: Plan, today: string): Dataset {
  const data = emptyDataset();
  data.programs = PROGRAM_CATALOGUE.map((p) => ({ ...p }));
  const programId = (code: string) => PROGRAM_CATALOGUE.find((p) => p.code === code)!.id;
  data.partners = plan.partners.map((p, i) => ({
    id: `ptn-${i + 1}`,
    name: `Partner ${String.fromCharCode(65 + i)}`,
    country: p.country,
    region: p.region,
    category: p.category,
    website: null,
  })) as Dataset['partners'];
  const partnerId = (i: number) => data.partners[i % data.partners.length]!.id;
  data.memberships = plan.memberships.map((m, i) => ({
    id: `mbr-${i + 1}`,
    programId: programId(m.program),
    partnerId: partnerId(m.partner),
    status: m.status,
    role: m.program === 'WHITE_LABEL' ? m.role : null,
    startedOn: m.dates[0],
    endedOn: m.status === 'TERMINATED' || m.status === 'DECLINED' ? m.dates[1] : null,
    reason: null,
  })) as Dataset['memberships'];
  data.licences = plan.licences.map((l, i) => ({
    id: `lic-${i + 1}`,
    holderId: partnerId(l.holder),
    product: l.product,
    cores: l.cores,
    startsOn: l.dates[0],
    endsOn: l.dates[1],
    status: l.dates[1] < today ? 'EXPIRED' : 'ACTIVE',
  })) as Dataset['licences'];
  const activePairs = new Set<string>();
  for (const [i, a] of plan.agreements.entries()) {
    const primaryId = partnerId(a.primary);
    const secondaryId = partnerId(a.secondary);
    if (primaryId === secondaryId) continue;
    const terminated = a.terminated && a.dates.end !== null;
    const pair = `${primaryId}>${secondaryId}`;
    if (!terminated && activePairs.has(pair)) continue;
    if (!terminated) activePairs.add(pair);
    data.agreements.push({
      id: `wla-${i + 1}`,
      primaryId,
      secondaryId,
      status: terminated ? 'TERMINATED' : 'ACTIVE',
      signedOn: a.dates.start,
      endsOn: a.dates.end,
      activePair: terminated ? null : 'Y',
    });
  }
  for (const [i, a] of plan.allocations.entries()) {
    const agreement = data.agreements[a.agreement % Math.max(1, data.agreements.length)];
    if (!agreement) break;
    const licences = data.licences.filter((l) => l.holderId === agreement.primaryId);
    const licence = licences[a.licence % Math.max(1, licences.length)];
    if (!licence) continue;
    const startsOn = latest(a.dates.start, agreement.signedOn, licence.startsOn);
    const endsOn = earliest(a.dates.end, agreement.endsOn, licence.endsOn);
    if (endsOn !== null && endsOn < startsOn) continue;
    const released = agreement.status !== 'ACTIVE' || (endsOn !== null && endsOn < today);
    data.allocations.push({
      id: `alc-${i + 1}`,
      licenceId: licence.id,
      agreementId: agreement.id,
      secondaryId: agreement.secondaryId,
      cores: a.cores,
      startsOn,
      endsOn,
      status: released ? 'RELEASED' : 'ACTIVE',
    });
  }
  data.customers = plan.customers.map((c, i) => ({
    id: `cus-${i + 1}`,
    name: `Customer ${String.fromCharCode(65 + i)}`,
    country: 'IT',
    industry: c.industry,
    sovereignCloudRequired: c.sovereign,
  })) as Dataset['customers'];
  for (const [i, c] of plan.contracts.entries()) {
    const parents = c.onAllocation ? data.allocations : data.licences;
    const parent = parents[c.parent % Math.max(1, parents.length)];
    if (!parent) continue;
    const startsOn = latest(c.dates.start, parent.startsOn);
    let endsOn = earliest(c.dates.end, parent.endsOn);
    if (c.ended && endsOn === null) endsOn = latest(startsOn, today);
    if (endsOn !== null && endsOn < startsOn) continue;
    const allocation = c.onAllocation ? (parent as Row<'allocations'>) : null;
    data.contracts.push({
      id: `ctr-${i + 1}`,
      customerId: data.customers[c.customer % data.customers.length]!.id,
      providerId: allocation ? allocation.secondaryId : (parent as Row<'licences'>).holderId,
      licenceId: allocation ? null : parent.id,
      allocationId: allocation ? allocation.id : null,
      coresInUse: c.cores,
      startsOn,
      endsOn,
      status: c.ended || (endsOn !== null && endsOn < today) ? 'ENDED' : 'ACTIVE',
    });
  }
  for (const [i, m] of plan.migrations.entries()) {
    const contract = data.contracts[m.contract % Math.max(1, data.contracts.length)];
    if (!contract) break;
    const to = m.to === null ? null : partnerId(m.to);
    data.migrations.push({
      id: `mig-${i + 1}`,
      customerId: contract.customerId,
      fromProviderId: contract.providerId,
      toProviderId: to === contract.providerId ? null : to,
      alternativeVendor: to === null || to === contract.providerId ? m.vendor : null,
      reason: m.reason,
      status: m.status,
      decidedOn: m.decidedOn,
    } as Row<'migrations'>);
  }
  return data;
}
