import type { EndCustomer } from '../subgraphs/customers/customer/customer.entity';
import { Industry } from '../subgraphs/customers/customer/customer.entity';
import { ContractStatus, type ServiceContract } from '../subgraphs/customers/contract/contract.entity';
import { MigrationReason, MigrationStatus, type CustomerMigration } from '../subgraphs/customers/migration/migration.entity';
import { AgreementStatus, type WhiteLabelAgreement } from '../subgraphs/licences/agreement/agreement.entity';
import { AllocationStatus, type LicenceAllocation } from '../subgraphs/licences/allocation/allocation.entity';
import { LicenceProduct, LicenceStatus, type Licence } from '../subgraphs/licences/licence/licence.entity';
import { PartnerCategory, Region, type Partner } from '../subgraphs/partners/partner/partner.entity';
import { WhiteLabelRole } from '../subgraphs/kit/white-label-role';
import { MembershipStatus, type ProgramMembership } from '../subgraphs/programs/membership/membership.entity';
import { ProgramCode, type Program } from '../subgraphs/programs/program/program.entity';
import { ADVANTAGE_MIN_CORES, PROGRAM_CATALOGUE, PROGRAM_MILESTONES } from '../subgraphs/programs/program/program.catalogue';
import { NameBook, websiteFor } from './names';
import { addDays, Random } from './prng';

export const SCALES = {
  /** Every kind of record and standing, quickly: tests that copy whole stores (the export round trip). */
  small: { partners: 40, customers: 400 },
  demo: { partners: 240, customers: 3_000 },
  full: { partners: 4_000, customers: 100_000 },
} as const;
export type Scale = keyof typeof SCALES;

export interface Dataset {
  partners: Partner[];
  programs: Program[];
  memberships: ProgramMembership[];
  licences: Licence[];
  agreements: WhiteLabelAgreement[];
  allocations: LicenceAllocation[];
  customers: EndCustomer[];
  contracts: ServiceContract[];
  migrations: CustomerMigration[];
}

/** Key dates of the program change; the data describes the channel as of DATA_AS_OF. */
const DATES = {
  ...PROGRAM_MILESTONES,
  vcppNonInvitedEnded: '2024-10-31',
  dataAsOf: '2026-06-30',
} as const;

export { ADVANTAGE_MIN_CORES };

/** Largest demand given to a partner that must stay below the Advantage threshold. */
const SMALL_PROVIDER_CAP = 3_000;

/** How each generated partner stands after the change (the generator's plan, not stored). */
type Standing = 'PRIMARY' | 'SECONDARY' | 'EXCLUDED' | 'DECLINED' | 'INVITED' | 'UNENROLLED';
const STANDING_SHARES: ReadonlyArray<readonly [Standing, number]> = [
  ['PRIMARY', 0.12],
  ['SECONDARY', 0.25],
  ['EXCLUDED', 0.36],
  ['DECLINED', 0.05],
  ['INVITED', 0.05],
  ['UNENROLLED', 0.17],
];

const COUNTRIES: Record<Region, string[]> = {
  [Region.AMER]: ['US', 'CA', 'BR', 'MX', 'AR', 'CL', 'CO'],
  [Region.EMEA]: ['IT', 'DE', 'FR', 'ES', 'GB', 'NL', 'SE', 'PL', 'CH', 'AT', 'BE', 'AE', 'ZA'],
  [Region.APJ]: ['JP', 'AU', 'SG', 'IN', 'KR', 'NZ', 'MY'],
};

const CATEGORY_WEIGHTS: Record<Standing, ReadonlyArray<readonly [PartnerCategory, number]>> = {
  PRIMARY: [
    [PartnerCategory.GLOBAL_SYSTEM_INTEGRATOR, 4],
    [PartnerCategory.SOVEREIGN_CLOUD, 2],
    [PartnerCategory.REGIONAL_CLOUD, 2],
    [PartnerCategory.MANAGED_SERVICE_PROVIDER, 2],
    [PartnerCategory.VERTICAL_SPECIALIST, 1],
  ],
  SECONDARY: [
    [PartnerCategory.REGIONAL_CLOUD, 4],
    [PartnerCategory.SOVEREIGN_CLOUD, 2],
    [PartnerCategory.VERTICAL_SPECIALIST, 3],
    [PartnerCategory.MANAGED_SERVICE_PROVIDER, 3],
    [PartnerCategory.GLOBAL_SYSTEM_INTEGRATOR, 0.5],
  ],
  EXCLUDED: [
    [PartnerCategory.REGIONAL_CLOUD, 4],
    [PartnerCategory.SOVEREIGN_CLOUD, 2],
    [PartnerCategory.VERTICAL_SPECIALIST, 3],
    [PartnerCategory.MANAGED_SERVICE_PROVIDER, 4],
    [PartnerCategory.GLOBAL_SYSTEM_INTEGRATOR, 0.5],
  ],
  DECLINED: [
    [PartnerCategory.GLOBAL_SYSTEM_INTEGRATOR, 2],
    [PartnerCategory.REGIONAL_CLOUD, 2],
    [PartnerCategory.SOVEREIGN_CLOUD, 2],
  ],
  INVITED: [
    [PartnerCategory.GLOBAL_SYSTEM_INTEGRATOR, 2],
    [PartnerCategory.MANAGED_SERVICE_PROVIDER, 2],
    [PartnerCategory.SOVEREIGN_CLOUD, 1],
  ],
  UNENROLLED: [
    [PartnerCategory.MANAGED_SERVICE_PROVIDER, 4],
    [PartnerCategory.VERTICAL_SPECIALIST, 2],
    [PartnerCategory.REGIONAL_CLOUD, 2],
  ],
};

const ALTERNATIVE_PLATFORMS = ['OpenStack (KVM)', 'Proxmox VE', 'KubeVirt on Kubernetes', 'Public hyperscaler', 'Xen-based private cloud'];

interface PlannedPartner {
  partner: Partner;
  standing: Standing;
  /** Relative size: bigger partners serve more customers. */
  weight: number;
  legacyProgram: ProgramCode | null;
  whiteLabelPrimary: boolean;
  /** Cores in use by this partner's ACTIVE contracts. */
  activeCores: number;
  activeContracts: ServiceContract[];
  legacyContracts: ServiceContract[];
  currentAgreement: WhiteLabelAgreement | null;
}

function padded(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

class Sequence {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    return padded(this.prefix, ++this.n);
  }
}

/** Picks partners in proportion to their weight (cumulative weights + binary search). */
class WeightedPool {
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(readonly members: PlannedPartner[]) {
    for (const member of members) {
      this.total += member.weight;
      this.cumulative.push(this.total);
    }
  }

  pick(random: Random): PlannedPartner | null {
    if (this.members.length === 0) return null;
    const roll = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! > roll) high = middle;
      else low = middle + 1;
    }
    return this.members[low] ?? null;
  }
}

export function generateDataset(scale: Scale, seed = 20240430): Dataset {
  const random = new Random(seed);
  const names = new NameBook(random);
  const ids = {
    membership: new Sequence('mbr'),
    licence: new Sequence('lic'),
    agreement: new Sequence('wla'),
    allocation: new Sequence('alc'),
    customer: new Sequence('cus'),
    contract: new Sequence('ctr'),
    migration: new Sequence('mig'),
  };
  const { partners: partnerCount, customers: customerCount } = SCALES[scale];

  const programs: Program[] = PROGRAM_CATALOGUE.map((program) => ({ ...program }));
  const programId = Object.fromEntries(programs.map((program) => [program.code, program.id])) as Record<ProgramCode, string>;

  // Partners, in exact shares per standing so every kind is present at every scale.
  const standings: Standing[] = [];
  for (const [standing, share] of STANDING_SHARES) {
    for (let i = 0; i < Math.max(2, Math.round(partnerCount * share)); i++) standings.push(standing);
  }
  while (standings.length < partnerCount) standings.push('UNENROLLED');
  standings.length = Math.max(partnerCount, STANDING_SHARES.length * 2);
  for (let i = standings.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [standings[i], standings[j]] = [standings[j]!, standings[i]!];
  }
  const planned: PlannedPartner[] = standings.map((standing, index) => {
    const region = random.weighted<Region>([
      [Region.EMEA, 5],
      [Region.AMER, 3],
      [Region.APJ, 2],
    ]);
    const name = names.partner();
    const partner: Partner = {
      id: padded('ptn', index + 1),
      name,
      country: random.pick(COUNTRIES[region]),
      region,
      category: random.weighted(CATEGORY_WEIGHTS[standing]),
      website: random.chance(0.9) ? websiteFor(name) : null,
    };
    const legacy = standing === 'INVITED' || standing === 'UNENROLLED' ? null : random.chance(0.55) ? ProgramCode.VCSP : ProgramCode.VCPP;
    return {
      partner,
      standing,
      weight: standing === 'PRIMARY' ? random.int(3, 12) : random.int(1, 6),
      legacyProgram: legacy,
      whiteLabelPrimary: false,
      activeCores: 0,
      activeContracts: [],
      legacyContracts: [],
      currentAgreement: null,
    };
  });
  const ofStanding = (standing: Standing) => planned.filter((p) => p.standing === standing);
  const primaries = ofStanding('PRIMARY');
  primaries.forEach((p, index) => (p.whiteLabelPrimary = index === 0 || random.chance(0.7)));
  const whiteLabelPrimaries = primaries.filter((p) => p.whiteLabelPrimary);

  // Memberships: legacy program, Advantage decision, white-label role.
  const memberships: ProgramMembership[] = [];
  const membership = (
    p: PlannedPartner,
    code: ProgramCode,
    fields: Partial<ProgramMembership> & Pick<ProgramMembership, 'status' | 'startedOn'>,
  ) =>
    memberships.push({
      id: ids.membership.next(),
      programId: programId[code],
      partnerId: p.partner.id,
      role: null,
      endedOn: null,
      reason: null,
      ...fields,
    });

  for (const p of planned) {
    if (p.legacyProgram) {
      const startedOn = random.date('2010-01-01', '2022-12-31');
      const keepsVcpp = p.standing === 'PRIMARY' && p.legacyProgram === ProgramCode.VCPP;
      if (keepsVcpp) {
        membership(p, ProgramCode.VCPP, { status: MembershipStatus.ACTIVE, startedOn });
      } else {
        membership(p, p.legacyProgram, {
          status: MembershipStatus.TERMINATED,
          startedOn,
          endedOn: p.legacyProgram === ProgramCode.VCSP ? DATES.vcspClosed : DATES.vcppNonInvitedEnded,
          reason:
            p.legacyProgram === ProgramCode.VCSP
              ? 'VCSP closed after the acquisition'
              : p.standing === 'DECLINED'
                ? 'Left after declining the Advantage invitation'
                : 'Not carried over: not invited to the Advantage program',
        });
      }
    }
    const decidedOn = random.date(DATES.advantageLaunched, DATES.vcspClosed);
    switch (p.standing) {
      case 'PRIMARY':
        membership(p, ProgramCode.ADVANTAGE, {
          status: MembershipStatus.ACTIVE,
          startedOn: decidedOn,
          reason: 'Invited: at least 3,500 licensed cores',
        });
        if (p.whiteLabelPrimary) {
          membership(p, ProgramCode.WHITE_LABEL, {
            status: MembershipStatus.ACTIVE,
            role: WhiteLabelRole.PRIMARY,
            startedOn: random.date(DATES.whiteLabelLaunched, '2024-10-31'),
          });
        }
        break;
      case 'SECONDARY':
      case 'EXCLUDED':
        membership(p, ProgramCode.ADVANTAGE, {
          status: MembershipStatus.NOT_INVITED,
          startedOn: decidedOn,
          reason: 'Below 3,500 licensed cores',
        });
        break;
      case 'DECLINED':
        membership(p, ProgramCode.ADVANTAGE, {
          status: MembershipStatus.DECLINED,
          startedOn: decidedOn,
          endedOn: addDays(decidedOn, random.int(10, 60)),
          reason: 'Declined the invitation: terms not accepted',
        });
        break;
      case 'INVITED':
        membership(p, ProgramCode.ADVANTAGE, {
          status: MembershipStatus.INVITED,
          startedOn: random.date('2025-01-01', DATES.dataAsOf),
          reason: 'New provider above the threshold',
        });
        break;
      case 'UNENROLLED':
        break;
    }
  }

  // White-label agreements: each secondary buys from one primary today; some switched primary once.
  const agreements: WhiteLabelAgreement[] = [];
  const previousAgreements: Array<{ agreement: WhiteLabelAgreement; primary: PlannedPartner }> = [];
  const secondaries = ofStanding('SECONDARY');
  for (const secondary of secondaries) {
    const pickPrimary = (exclude?: string) => {
      const sameRegion = whiteLabelPrimaries.filter((p) => p.partner.region === secondary.partner.region && p.partner.id !== exclude);
      const choices =
        sameRegion.length > 0 && random.chance(0.75) ? sameRegion : whiteLabelPrimaries.filter((p) => p.partner.id !== exclude);
      return random.pick(choices.length > 0 ? choices : whiteLabelPrimaries);
    };
    let signedOn = random.date(DATES.whiteLabelLaunched, '2025-12-31');
    let formerPrimaryId: string | undefined;
    if (whiteLabelPrimaries.length > 1 && random.chance(0.12)) {
      const formerPrimary = pickPrimary();
      formerPrimaryId = formerPrimary.partner.id;
      const formerSigned = random.date(DATES.whiteLabelLaunched, '2024-10-31');
      const formerEnded = addDays(formerSigned, random.int(60, 200));
      const former: WhiteLabelAgreement = {
        id: ids.agreement.next(),
        primaryId: formerPrimary.partner.id,
        secondaryId: secondary.partner.id,
        status: AgreementStatus.TERMINATED,
        signedOn: formerSigned,
        endsOn: formerEnded,
        activePair: null,
      };
      agreements.push(former);
      previousAgreements.push({ agreement: former, primary: formerPrimary });
      signedOn = addDays(formerEnded, random.int(1, 30));
      membership(secondary, ProgramCode.WHITE_LABEL, {
        status: MembershipStatus.TERMINATED,
        role: WhiteLabelRole.SECONDARY,
        startedOn: formerSigned,
        endedOn: formerEnded,
        reason: 'Agreement with former primary terminated',
      });
    }
    const primary = pickPrimary(formerPrimaryId);
    const agreement: WhiteLabelAgreement = {
      id: ids.agreement.next(),
      primaryId: primary.partner.id,
      secondaryId: secondary.partner.id,
      status: AgreementStatus.ACTIVE,
      signedOn,
      endsOn: null,
      activePair: 'Y',
    };
    agreements.push(agreement);
    secondary.currentAgreement = agreement;
    membership(secondary, ProgramCode.WHITE_LABEL, {
      status: MembershipStatus.ACTIVE,
      role: WhiteLabelRole.SECONDARY,
      startedOn: signedOn,
    });
  }

  // Customers, their contracts and migrations; licences and allocations are sized to fit afterwards.
  const pools = {
    PRIMARY: new WeightedPool(primaries),
    SECONDARY: new WeightedPool(secondaries),
    EXCLUDED: new WeightedPool(ofStanding('EXCLUDED')),
    DECLINED: new WeightedPool(ofStanding('DECLINED')),
  };
  const capOf = (p: PlannedPartner) => (p.standing === 'PRIMARY' ? Infinity : p.standing === 'DECLINED' ? 6_000 : SMALL_PROVIDER_CAP);
  const pickProvider = (standing: keyof typeof pools, cores: number): PlannedPartner => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const candidate = pools[standing].pick(random);
      if (candidate && candidate.activeCores + cores <= capOf(candidate)) return candidate;
    }
    return pools.PRIMARY.pick(random)!;
  };

  const customers: EndCustomer[] = [];
  const contracts: ServiceContract[] = [];
  const migrations: CustomerMigration[] = [];
  /** A contract of `provider` serving `customer`; its licence or allocation is set below, once the licences are sized. */
  const serviceContract = (
    customer: EndCustomer,
    provider: PlannedPartner,
    coresInUse: number,
    period: Pick<ServiceContract, 'startsOn' | 'endsOn' | 'status'>,
  ): ServiceContract => {
    const contract: ServiceContract = {
      id: '',
      customerId: customer.id,
      providerId: provider.partner.id,
      licenceId: null,
      allocationId: null,
      coresInUse,
      ...period,
    };
    contracts.push(contract);
    return contract;
  };
  const activeContract = (customer: EndCustomer, provider: PlannedPartner, coresInUse: number, startsOn: string): ServiceContract => {
    const contract = serviceContract(customer, provider, coresInUse, { startsOn, endsOn: null, status: ContractStatus.ACTIVE });
    provider.activeCores += coresInUse;
    provider.activeContracts.push(contract);
    return contract;
  };
  /** `endsOn` is the contract's last day. */
  const endedContract = (customer: EndCustomer, provider: PlannedPartner, coresInUse: number, startsOn: string, endsOn: string): void => {
    provider.legacyContracts.push(serviceContract(customer, provider, coresInUse, { startsOn, endsOn, status: ContractStatus.ENDED }));
  };

  for (let i = 0; i < customerCount; i++) {
    const region = random.weighted<Region>([
      [Region.EMEA, 5],
      [Region.AMER, 3],
      [Region.APJ, 2],
    ]);
    const industry = random.pick(Object.values(Industry));
    const customer: EndCustomer = {
      id: ids.customer.next(),
      name: names.customer(),
      country: random.pick(COUNTRIES[region]),
      industry,
      sovereignCloudRequired:
        industry === Industry.PUBLIC_SECTOR || industry === Industry.HEALTHCARE ? random.chance(0.6) : random.chance(0.1),
    };
    customers.push(customer);
    const coresInUse = random.int(2, 48);
    const origin = random.weighted<keyof typeof pools>([
      ['EXCLUDED', 0.36],
      ['DECLINED', 0.04],
      ['SECONDARY', 0.33],
      ['PRIMARY', 0.27],
    ]);
    const provider = pickProvider(origin, coresInUse);

    if (provider.standing === 'SECONDARY') {
      // Served on the secondary's own licence until it signed with a primary, then on an allocation.
      const agreement = provider.currentAgreement!;
      // It ends the day before the agreement: the contract on the allocation takes over the next day.
      endedContract(customer, provider, coresInUse, random.date('2019-01-01', '2023-12-31'), addDays(agreement.signedOn, -1));
      activeContract(customer, provider, coresInUse, agreement.signedOn);
      continue;
    }
    if (provider.standing === 'PRIMARY') {
      activeContract(customer, provider, coresInUse, random.date('2019-01-01', '2026-03-31'));
      continue;
    }

    // A customer of a partner left out of the Advantage program.
    const startsOn = random.date('2019-01-01', '2024-03-31');
    if (!random.chance(0.3)) {
      activeContract(customer, provider, coresInUse, startsOn);
      continue;
    }
    const decidedOn = random.date('2024-05-01', '2026-05-31');
    const status = random.weighted<MigrationStatus>([
      [MigrationStatus.PLANNED, 0.35],
      [MigrationStatus.IN_PROGRESS, 0.25],
      [MigrationStatus.COMPLETED, 0.3],
      [MigrationStatus.CANCELLED, 0.1],
    ]);
    const toPrimary = random.chance(0.55) ? pickProvider('PRIMARY', coresInUse) : null;
    const reason =
      customer.sovereignCloudRequired && random.chance(0.3)
        ? MigrationReason.SOVEREIGNTY
        : random.weighted<MigrationReason>([
            [MigrationReason.PROVIDER_EXCLUDED, 0.75],
            [MigrationReason.COST, 0.15],
            [MigrationReason.CONSOLIDATION, 0.1],
          ]);
    migrations.push({
      id: ids.migration.next(),
      customerId: customer.id,
      fromProviderId: provider.partner.id,
      toProviderId: toPrimary?.partner.id ?? null,
      alternativeVendor: toPrimary ? null : random.pick(ALTERNATIVE_PLATFORMS),
      reason,
      status,
      decidedOn,
    });
    if (status !== MigrationStatus.COMPLETED) {
      activeContract(customer, provider, coresInUse, startsOn);
      continue;
    }
    const movedOn = addDays(decidedOn, random.int(30, 180));
    const endsOn = movedOn > DATES.dataAsOf ? DATES.dataAsOf : movedOn;
    endedContract(customer, provider, coresInUse, startsOn, endsOn);
    if (toPrimary) activeContract(customer, toPrimary, coresInUse, addDays(endsOn, 1));
  }

  // Licences and allocations, sized so no licence and no allocation is ever over-used.
  const licences: Licence[] = [];
  const allocations: LicenceAllocation[] = [];
  const newLicence = (
    holder: PlannedPartner,
    fields: Pick<Licence, 'cores' | 'startsOn' | 'endsOn' | 'status'> & Partial<Licence>,
  ): Licence => {
    const licence: Licence = {
      id: ids.licence.next(),
      holderId: holder.partner.id,
      product: LicenceProduct.VMWARE_CLOUD_FOUNDATION,
      ...fields,
    };
    licences.push(licence);
    return licence;
  };
  const expiredLegacyLicence = (holder: PlannedPartner, cores: number, endsOn: string) =>
    newLicence(holder, {
      cores,
      startsOn: random.date('2018-01-01', '2021-12-31'),
      endsOn,
      status: LicenceStatus.EXPIRED,
      product: random.chance(0.7) ? LicenceProduct.VSPHERE_STANDARD : LicenceProduct.VMWARE_CLOUD_FOUNDATION,
    });

  // Secondaries: allocations sized to their customers with 20% headroom, contracts placed first-fit.
  const allocationNeeds = new Map<string, Array<{ allocation: LicenceAllocation; free: number }>>();
  for (const secondary of secondaries) {
    const agreement = secondary.currentAgreement!;
    const need = Math.max(50, Math.ceil(secondary.activeCores * 1.2));
    const count = Math.max(1, Math.ceil(need / 800));
    const slots = Array.from({ length: count }, () => {
      const cores = Math.ceil(need / count);
      const allocation: LicenceAllocation = {
        id: ids.allocation.next(),
        licenceId: '',
        agreementId: agreement.id,
        secondaryId: secondary.partner.id,
        cores,
        startsOn: agreement.signedOn,
        endsOn: null,
        status: AllocationStatus.ACTIVE,
      };
      allocations.push(allocation);
      return { allocation, free: cores };
    });
    for (const contract of secondary.activeContracts) {
      const slot = slots.find((s) => s.free >= contract.coresInUse) ?? slots.at(-1);
      if (!slot) throw new Error(`secondary ${secondary.partner.id} has contracts but no allocation`);
      if (slot.free < contract.coresInUse) {
        slot.allocation.cores += contract.coresInUse;
        slot.free += contract.coresInUse;
      }
      slot.free -= contract.coresInUse;
      contract.allocationId = slot.allocation.id;
    }
    allocationNeeds.set(agreement.primaryId, [...(allocationNeeds.get(agreement.primaryId) ?? []), ...slots]);
    const legacyCores = Math.min(
      3_400,
      Math.max(random.int(200, 2_500), secondary.legacyContracts.reduce((sum, c) => sum + c.coresInUse, 0) + 50),
    );
    const legacyLicence = expiredLegacyLicence(secondary, legacyCores, addDays(agreement.signedOn, -1));
    for (const contract of secondary.legacyContracts) contract.licenceId = legacyLicence.id;
  }

  // Primaries: licences cover every allocation and direct contract with 25% headroom.
  for (const primary of primaries) {
    const slots = allocationNeeds.get(primary.partner.id) ?? [];
    const demand = slots.reduce((sum, s) => sum + s.allocation.cores, 0) + primary.activeCores;
    const total = Math.max(random.int(ADVANTAGE_MIN_CORES, 16_000), Math.ceil(demand * 1.25));
    const count = random.int(1, 3);
    const startsOn = random.date('2024-03-01', '2024-07-31');
    const owned = Array.from({ length: count }, (_, index) => ({
      licence: newLicence(primary, {
        cores: Math.ceil(total / count),
        startsOn,
        endsOn: addDays(startsOn, 365 * random.int(3, 5) - 1),
        status: LicenceStatus.ACTIVE,
        product: index === 0 ? LicenceProduct.VMWARE_CLOUD_FOUNDATION : random.pick(Object.values(LicenceProduct)),
      }),
      free: Math.ceil(total / count),
    }));
    const place = (cores: number) => {
      let slot = owned.find((o) => o.free >= cores);
      if (!slot) {
        const extra = newLicence(primary, {
          cores: Math.max(cores, 1_000),
          startsOn,
          endsOn: addDays(startsOn, 365 * 3 - 1),
          status: LicenceStatus.ACTIVE,
        });
        slot = { licence: extra, free: extra.cores };
        owned.push(slot);
      }
      slot.free -= cores;
      return slot.licence;
    };
    for (const slot of slots) slot.allocation.licenceId = place(slot.allocation.cores).id;
    for (const contract of primary.activeContracts) contract.licenceId = place(contract.coresInUse).id;
    if (random.chance(0.4)) expiredLegacyLicence(primary, random.int(1_000, 6_000), '2024-02-29');
  }

  // Allocations under agreements that ended were released back to the former primary's licence.
  for (const { agreement, primary } of previousAgreements) {
    const licence = licences.find((l) => l.holderId === primary.partner.id && l.status === LicenceStatus.ACTIVE)!;
    allocations.push({
      id: ids.allocation.next(),
      licenceId: licence.id,
      agreementId: agreement.id,
      secondaryId: agreement.secondaryId,
      cores: random.int(50, 400),
      startsOn: agreement.signedOn,
      endsOn: agreement.endsOn,
      status: AllocationStatus.RELEASED,
    });
  }

  // Partners outside the Advantage program keep their last vendor licence (below the threshold, or declined above it).
  for (const p of [...ofStanding('EXCLUDED'), ...ofStanding('DECLINED'), ...ofStanding('INVITED')]) {
    const cores =
      p.standing === 'EXCLUDED'
        ? Math.min(ADVANTAGE_MIN_CORES - 1, Math.max(random.int(100, 3_200), p.activeCores + random.int(10, 200)))
        : Math.max(random.int(ADVANTAGE_MIN_CORES, 9_000), p.activeCores + 100);
    const startsOn = p.standing === 'INVITED' ? random.date('2024-06-01', '2025-12-31') : random.date('2023-01-01', '2024-03-31');
    const licence = newLicence(p, { cores, startsOn, endsOn: random.date('2026-12-31', '2028-06-30'), status: LicenceStatus.ACTIVE });
    for (const contract of [...p.activeContracts, ...p.legacyContracts]) contract.licenceId = licence.id;
  }

  nestInTime(licences, agreements, allocations, contracts);

  contracts.sort((a, b) =>
    a.customerId === b.customerId ? a.startsOn.localeCompare(b.startsOn) : a.customerId.localeCompare(b.customerId),
  );
  for (const contract of contracts) contract.id = ids.contract.next();

  return {
    partners: planned.map((p) => p.partner),
    programs,
    memberships,
    licences,
    agreements,
    allocations,
    customers,
    contracts,
    migrations,
  };
}

/**
 * Dated chains nest (docs/architecture.md, "Time"): an allocation lies within its agreement and
 * its licence, a contract within the allocation or licence it runs on. Records were dated by the
 * story of each partner; this pass moves each child's first day no earlier than its parents'
 * and gives it no later last day (a child without an end ends with its parent), and drops an
 * allocation left with no day in force (a former agreement that ended before the licence began).
 */
function nestInTime(
  licences: Licence[],
  agreements: WhiteLabelAgreement[],
  allocations: LicenceAllocation[],
  contracts: ServiceContract[],
): void {
  const latest = (...days: string[]) => days.reduce((a, b) => (a > b ? a : b));
  const earliest = (...days: Array<string | null>) =>
    days.reduce<string | null>((a, b) => (a === null ? b : b === null ? a : a < b ? a : b), null);
  const licenceById = new Map(licences.map((l) => [l.id, l]));
  const agreementById = new Map(agreements.map((a) => [a.id, a]));
  for (let i = allocations.length - 1; i >= 0; i--) {
    const allocation = allocations[i]!;
    const licence = licenceById.get(allocation.licenceId)!;
    const agreement = agreementById.get(allocation.agreementId)!;
    allocation.startsOn = latest(allocation.startsOn, licence.startsOn, agreement.signedOn);
    allocation.endsOn = earliest(allocation.endsOn, licence.endsOn, agreement.endsOn);
    if (allocation.endsOn !== null && allocation.endsOn < allocation.startsOn) allocations.splice(i, 1);
  }
  const allocationById = new Map(allocations.map((a) => [a.id, a]));
  for (const contract of contracts) {
    const parent = contract.allocationId ? allocationById.get(contract.allocationId)! : licenceById.get(contract.licenceId!)!;
    contract.startsOn = latest(contract.startsOn, parent.startsOn);
    contract.endsOn = earliest(contract.endsOn, parent.endsOn);
    if (contract.endsOn !== null && contract.endsOn < contract.startsOn) contract.endsOn = contract.startsOn;
  }
}
