import type { Dataset } from '../../demo/generator';
import type { Identity } from '../../common/identity';

/**
 * A reference model of the channel: its rules over plain rows, written from the definitions in
 * the README's glossary and docs/architecture.md ("The rules"), not from the subgraphs' code.
 * `new ChannelModel(data, today).visibleTo(caller)` is what one caller may know on that day; the
 * differential tests (tests/differential.test.ts) ask the API the same questions and compare.
 *
 * Definitions used:
 * - in force on D: startsOn ≤ D ≤ endsOn (endsOn included; null is open-ended). Memberships count
 *   from startedOn to endedOn once admitted (ACTIVE, or TERMINATED since).
 * - channel status on D: ADVANTAGE member → PRIMARY; else WHITE_LABEL member as SECONDARY →
 *   SECONDARY; else VCSP/VCPP member → LEGACY_MEMBER; else admitted to VCSP/VCPP by D → EXCLUDED;
 *   else NOT_ENROLLED.
 * - licensed cores on D: the cores of the partner's licences in force on D.
 * - status follows dates: a record recorded ACTIVE whose endsOn has passed has ended.
 * - a threshold's population: the partners holding a licence in force today; they qualify when
 *   their licensed cores reach it.
 * - at risk: a contract in force today whose provider is EXCLUDED today.
 * - where customers go: migrations not CANCELLED, to "VMware provider" or the alternative platform.
 */

export type Row<K extends keyof Dataset> = Dataset[K][number];
export type ChannelStatus = 'PRIMARY' | 'SECONDARY' | 'LEGACY_MEMBER' | 'EXCLUDED' | 'NOT_ENROLLED';
export const CHANNEL_STATUSES: ChannelStatus[] = ['PRIMARY', 'SECONDARY', 'LEGACY_MEMBER', 'EXCLUDED', 'NOT_ENROLLED'];

export function inForce(startsOn: string, endsOn: string | null, day: string): boolean {
  return startsOn <= day && (endsOn === null || day <= endsOn);
}

/** The status a record shows on `today`: recorded `active` and past its last day means `ended`. */
function statusOn(status: string, endsOn: string | null, today: string, active: string, ended: string): string {
  return status === active && endsOn !== null && endsOn < today ? ended : status;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export class ChannelModel {
  readonly byId: {
    partner: Map<string, Row<'partners'>>;
    licence: Map<string, Row<'licences'>>;
    agreement: Map<string, Row<'agreements'>>;
    allocation: Map<string, Row<'allocations'>>;
    customer: Map<string, Row<'customers'>>;
    contract: Map<string, Row<'contracts'>>;
    program: Map<string, Row<'programs'>>;
  };
  private readonly membershipsOf: Map<string, Array<Row<'memberships'>>>;
  private readonly licencesOf: Map<string, Array<Row<'licences'>>>;
  /** Answers remembered per question (the data never changes), so the model stays quick on the demo dataset. */
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly data: Dataset,
    readonly today: string,
  ) {
    const index = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
    this.byId = {
      partner: index(data.partners),
      licence: index(data.licences),
      agreement: index(data.agreements),
      allocation: index(data.allocations),
      customer: index(data.customers),
      contract: index(data.contracts),
      program: index(data.programs),
    };
    this.membershipsOf = groupBy(data.memberships, (m) => m.partnerId);
    this.licencesOf = groupBy(data.licences, (l) => l.holderId);
  }

  private remember<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** Rows grouped by a key, remembered under `name`. */
  grouped<T>(name: string, rows: T[], key: (row: T) => string | null): Map<string, T[]> {
    return this.remember(`grouped ${name}`, () => groupBy(rows, key));
  }

  programCode(programId: string): string {
    return this.byId.program.get(programId)!.code;
  }

  /** Admitted (ACTIVE, or TERMINATED since) memberships of the partner in these programs. */
  private admitted(partnerId: string, codes: string[]): Array<Row<'memberships'>> {
    return (this.membershipsOf.get(partnerId) ?? []).filter(
      (m) => codes.includes(this.programCode(m.programId)) && (m.status === 'ACTIVE' || m.status === 'TERMINATED'),
    );
  }

  private memberOn(partnerId: string, codes: string[], day: string, role: string | null = null): boolean {
    return this.admitted(partnerId, codes).some((m) => (role === null || m.role === role) && inForce(m.startedOn, m.endedOn, day));
  }

  channelStatus(partnerId: string, day: string = this.today): ChannelStatus {
    return this.remember(`status ${partnerId} ${day}`, () => {
      if (this.memberOn(partnerId, ['ADVANTAGE'], day)) return 'PRIMARY';
      if (this.memberOn(partnerId, ['WHITE_LABEL'], day, 'SECONDARY')) return 'SECONDARY';
      if (this.memberOn(partnerId, ['VCSP', 'VCPP'], day)) return 'LEGACY_MEMBER';
      if (this.admitted(partnerId, ['VCSP', 'VCPP']).some((m) => m.startedOn <= day)) return 'EXCLUDED';
      return 'NOT_ENROLLED';
    });
  }

  /** Partner ids of one channel status on a day, in id order. */
  partnersWith(status: ChannelStatus, day: string): string[] {
    return this.remember(`partners ${status} ${day}`, () =>
      this.data.partners
        .map((p) => p.id)
        .filter((id) => this.channelStatus(id, day) === status)
        .sort(),
    );
  }

  licensedCores(partnerId: string, day: string = this.today): number {
    return sum((this.licencesOf.get(partnerId) ?? []).filter((l) => inForce(l.startsOn, l.endsOn, day)).map((l) => l.cores));
  }

  advantageThreshold(): number | null {
    return this.data.programs.find((p) => p.code === 'ADVANTAGE')?.minLicensedCores ?? null;
  }

  licenceStatus(l: Row<'licences'>): string {
    return statusOn(l.status, l.endsOn, this.today, 'ACTIVE', 'EXPIRED');
  }
  agreementStatus(a: Row<'agreements'>): string {
    return statusOn(a.status, a.endsOn, this.today, 'ACTIVE', 'EXPIRED');
  }
  allocationStatus(a: Row<'allocations'>): string {
    return statusOn(a.status, a.endsOn, this.today, 'ACTIVE', 'RELEASED');
  }
  contractStatus(c: Row<'contracts'>): string {
    return statusOn(c.status, c.endsOn, this.today, 'ACTIVE', 'ENDED');
  }

  allocatedCoresOfLicence(licenceId: string): number {
    const inForceToday = this.remember('allocations today', () =>
      this.data.allocations.filter((a) => inForce(a.startsOn, a.endsOn, this.today)),
    );
    return sum((this.grouped('allocations today by licence', inForceToday, (a) => a.licenceId).get(licenceId) ?? []).map((a) => a.cores));
  }

  contractsInForceToday(): Array<Row<'contracts'>> {
    return this.remember('contracts today', () => this.data.contracts.filter((c) => inForce(c.startsOn, c.endsOn, this.today)));
  }

  /** The threshold's population (holders of a licence in force today), most licensed cores first. */
  population(): Array<{ id: string; cores: number }> {
    return this.remember('population', () => {
      const holders = [...new Set(this.data.licences.filter((l) => inForce(l.startsOn, l.endsOn, this.today)).map((l) => l.holderId))];
      return holders.map((id) => ({ id, cores: this.licensedCores(id) })).sort((a, b) => b.cores - a.cores || (a.id < b.id ? -1 : 1));
    });
  }

  visibleTo(caller: Identity): ChannelView {
    return new ChannelView(this, caller);
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * What one caller may see (README, "Who sees what"), as sets of ids. A record outside them looks
 * exactly like a missing one: a single one is null, lists leave it out, counts do not count it.
 */
export class ChannelView {
  readonly wholeChannel: boolean;
  readonly partnerId: string | null;
  readonly licences: Set<string>;
  readonly agreements: Set<string>;
  readonly allocations: Set<string>;
  readonly contracts: Set<string>;
  readonly customers: Set<string>;
  readonly migrations: Set<string>;
  readonly memberships: Set<string>;

  constructor(
    readonly model: ChannelModel,
    readonly caller: Identity,
  ) {
    const data = model.data;
    this.wholeChannel = caller.role === 'VENDOR' || caller.role === 'ANALYST';
    this.partnerId = this.wholeChannel ? null : caller.partnerId;
    const all = <T extends { id: string }>(rows: T[]) => new Set(rows.map((r) => r.id));
    if (this.wholeChannel) {
      this.licences = all(data.licences);
      this.agreements = all(data.agreements);
      this.allocations = all(data.allocations);
      this.contracts = all(data.contracts);
      this.customers = all(data.customers);
      this.migrations = all(data.migrations);
      this.memberships = all(data.memberships);
      return;
    }
    const own = this.partnerId;
    this.memberships = new Set(data.memberships.filter((m) => m.partnerId === own).map((m) => m.id));
    this.agreements = new Set(data.agreements.filter((a) => a.primaryId === own || a.secondaryId === own).map((a) => a.id));
    this.allocations = new Set(data.allocations.filter((a) => this.agreements.has(a.agreementId)).map((a) => a.id));
    const ownLicences = data.licences.filter((l) => l.holderId === own).map((l) => l.id);
    // The licences of the allocations it received, whatever its role (a secondary admitted to ADVANTAGE since acts as PRIMARY).
    const receivedFrom = data.allocations.filter((a) => a.secondaryId === own).map((a) => a.licenceId);
    this.licences = new Set([...ownLicences, ...receivedFrom]);
    const grantedFromOwn = new Set(
      caller.role === 'PRIMARY' ? data.allocations.filter((a) => ownLicences.includes(a.licenceId)).map((a) => a.id) : [],
    );
    this.contracts = new Set(
      data.contracts
        .filter((c) => c.providerId === own || (c.allocationId !== null && grantedFromOwn.has(c.allocationId)))
        .map((c) => c.id),
    );
    this.customers = new Set(data.contracts.filter((c) => this.contracts.has(c.id)).map((c) => c.customerId));
    this.migrations = new Set(data.migrations.filter((m) => m.fromProviderId === own || m.toProviderId === own).map((m) => m.id));
  }

  /** Licence data of a partner (licensed cores): the whole channel, or the partner itself. */
  seesLicenceDataOf(partnerId: string): boolean {
    return this.wholeChannel || partnerId === this.partnerId;
  }

  /** Each kind of scoped record: its GraphQL type, its id prefix and the ids visible. */
  private kinds(): Array<[typename: string, prefix: string, ids: Set<string>]> {
    return [
      ['ProgramMembership', 'mbr', this.memberships],
      ['Licence', 'lic', this.licences],
      ['WhiteLabelAgreement', 'wla', this.agreements],
      ['LicenceAllocation', 'alc', this.allocations],
      ['ServiceContract', 'ctr', this.contracts],
      ['EndCustomer', 'cus', this.customers],
      ['CustomerMigration', 'mig', this.migrations],
    ];
  }

  /** The visible ids of a GraphQL type; undefined for a type without scope of its own (Partner: the directory; Program). */
  idsOf(typename: string): Set<string> | undefined {
    return this.kinds().find(([name]) => name === typename)?.[2];
  }

  /** The visible ids of the kind an id names, by its prefix (`lic-…`); undefined for partner ids and anything else public. */
  idsLike(id: string): Set<string> | undefined {
    return this.kinds().find(([, prefix]) => id.startsWith(`${prefix}-`))?.[2];
  }

  /** Whether the holder's figures of this record (a partner's licensedCores, a licence's allocatedCores) are the caller's to read. */
  seesFiguresOf(typename: string, id: string): boolean {
    if (typename === 'Licence') return this.seesLicenceDataOf(this.model.byId.licence.get(id)?.holderId ?? '');
    return this.seesLicenceDataOf(id);
  }
}
