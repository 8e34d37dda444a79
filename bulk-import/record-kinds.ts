import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../common/config';
import { CONTRACT_LIFECYCLE, ContractStatus, ServiceContract } from '../subgraphs/customers/contract/contract.entity';
import { EndCustomer, Industry } from '../subgraphs/customers/customer/customer.entity';
import { CustomerMigration, MigrationReason, MigrationStatus } from '../subgraphs/customers/migration/migration.entity';
import { AgreementStatus, WhiteLabelAgreement } from '../subgraphs/licences/agreement/agreement.entity';
import { ALLOCATION_LIFECYCLE, AllocationStatus, LicenceAllocation } from '../subgraphs/licences/allocation/allocation.entity';
import { Licence, LicenceProduct, LicenceStatus } from '../subgraphs/licences/licence/licence.entity';
import { PartnerCategory, Partner, Region } from '../subgraphs/partners/partner/partner.entity';
import { MembershipStatus, ProgramMembership } from '../subgraphs/programs/membership/membership.entity';
import { Program, ProgramCode } from '../subgraphs/programs/program/program.entity';
import { WhiteLabelRole } from '../subgraphs/kit/white-label-role';
import type { Lifecycle } from '../subgraphs/kit/validity';
import { AuditEvent } from '../subgraphs/kit/writes/audit-event.entity';
import type { UserError } from '../subgraphs/kit/writes/user-error';
import { addedLater, column, type CellValue, type ColumnSpec, type CsvRow } from './csv-files';
import type { ImportSession, SubgraphContexts } from './import-session';

/** One mutation a row makes, and which of its input fields come from which column. */
export interface Step {
  errors(contexts: SubgraphContexts, session: ImportSession): Promise<UserError[]>;
  /** Input field → column, where they are named differently. */
  columns?: Record<string, string>;
}

/**
 * One kind of record: its CSV file and columns, the subgraph that owns it, and how a row becomes
 * mutations of that subgraph. `open` creates the record; `close` (after every file is open, in
 * reverse order) ends it when the row says it has ended — so a terminated agreement can still
 * have had allocations and contracts. `stored` is what the row must leave in the database: an
 * existing record equal to it is unchanged, one that differs is a conflict.
 */
export interface RecordKind {
  file: string;
  subgraph: SubgraphName;
  entity: EntityTarget<ObjectLiteral>;
  summary: string;
  columns: ColumnSpec[];
  /** Rules between the columns of one row. */
  check?(cells: Cells): { column: string; reason: string } | null;
  open(row: Cells): Step[];
  close?(row: Cells): Step[];
  /** Without it, every column but `id` as the row gives it (see `expectedOf`). */
  stored?(row: Cells, session: ImportSession): Promise<Record<string, CellValue | undefined>>;
  /** Column → entity field, where `stored` compares a column with a field named differently. */
  storedAs?: Record<string, string>;
  /**
   * The day the row's record is opened on, when not today: a record that has ended is opened as of
   * its last day in force, so the rules see what stood then (its licence was ACTIVE, not EXPIRED).
   */
  openedOn?(row: Cells): string | null;
  /** The export writes rows oldest first by this column (then by id), the order history happened in. */
  firstDay?: string;
  /** For the export: cells whose column is not simply the stored field (`storedAs`), per stored record. */
  exported?(manager: EntityManager): Promise<(stored: ObjectLiteral) => Record<string, CellValue>>;
}

type Cells = CsvRow['cells'] & { id: string };

// Cells of a row that passed the file's checks: every column named in `columns` is present, required ones not null.
const text = (value: CellValue | undefined) => (value === null || value === undefined ? null : String(value));
const str = (value: CellValue | undefined) => value as string;
const num = (value: CellValue | undefined) => value as number;
const values = (enumeration: Record<string, string>) => Object.values(enumeration);

function endDateRule(cells: Cells, status: string, ended: readonly string[], endColumn: string) {
  if (ended.includes(status) && cells[endColumn] === null)
    return { column: endColumn, reason: `${endColumn} is required when status is ${status}: it is the day it ended.` };
  return null;
}

/**
 * Records what no mutation makes but a store can hold (a status the generator or an older version
 * wrote: an EXPIRED licence or agreement, a DECLINED membership), after the record and everything
 * on it are in place.
 */
function recordAsStored(subgraph: SubgraphName, entity: EntityTarget<ObjectLiteral>, id: string, fields: ObjectLiteral): Step {
  return {
    errors: async (_contexts, session) => {
      await session.store(subgraph).manager.update(entity, { id }, fields);
      return [];
    },
  };
}

/** A step that makes one mutation (`columns`: its input fields named differently from their columns). */
function mutation(make: (contexts: SubgraphContexts) => Promise<{ errors: UserError[] }>, columns?: Record<string, string>): Step {
  return { errors: async (contexts) => (await make(contexts)).errors, columns };
}

/**
 * A record the row gives ACTIVE (opened with its planned end) or ended (`lifecycle.ended`: opened
 * as of its last day, endsOn required, then ended on that day by the `end` step): an allocation
 * released, a contract ended.
 */
function endedBy<S extends string>(lifecycle: Lifecycle<S>, end: (row: Cells) => Step): Pick<RecordKind, 'check' | 'openedOn' | 'close'> {
  return {
    check: (row) => endDateRule(row, str(row.status), [lifecycle.ended], 'endsOn'),
    openedOn: (row) => (row.status === lifecycle.ended ? text(row.endsOn) : null),
    close: (row) => (row.status === lifecycle.ended ? [end(row)] : []),
  };
}

/** endsOn as the opening mutation takes it: the planned end of an ACTIVE record, none for one that ended. */
function plannedEnd<S extends string>(lifecycle: Lifecycle<S>, row: Cells): string | null {
  return row.status === lifecycle.active ? text(row.endsOn) : null;
}

/** What a row must leave in the database: `stored`, or else every column but `id` as the row gives it. */
export async function expectedOf(kind: RecordKind, row: Cells, session: ImportSession): Promise<Record<string, CellValue | undefined>> {
  if (kind.stored) return kind.stored(row, session);
  return Object.fromEntries(kind.columns.filter((spec) => spec.name !== 'id').map((spec) => [spec.name, row[spec.name]]));
}

/** Name and country of an organisation (a partner, a customer), as its mutation takes them. */
const organisation = (row: Cells) => ({ name: str(row.name), country: str(row.country) });
/** The same as the mutation stores them (kit/writes/write-helpers.ts: name trimmed, country in capitals). */
const storedOrganisation = (row: Cells) => ({ name: str(row.name).trim(), country: str(row.country).toUpperCase() });

const partners: RecordKind = {
  file: 'partners.csv',
  subgraph: 'partners',
  entity: Partner,
  summary: 'The partner directory.',
  columns: [
    column.id('id', 'the partner id other files refer to'),
    column.text('name', 'unique name, 1 to 200 characters'),
    column.text('country', 'ISO 3166-1 alpha-2 code, e.g. IT'),
    column.oneOf('region', values(Region), 'sales region'),
    column.oneOf('category', values(PartnerCategory), 'kind of provider'),
    column.text('website', 'http(s) address', false),
  ],
  open: (row) => [
    mutation(({ partners }) =>
      partners.partnerWrites.create(
        {
          ...organisation(row),
          region: row.region as Region,
          category: row.category as PartnerCategory,
          website: text(row.website),
        },
        { id: row.id },
      ),
    ),
  ],
  stored: async (row) => ({
    ...storedOrganisation(row),
    region: row.region,
    category: row.category,
    website: row.website,
  }),
};

const licences: RecordKind = {
  file: 'licences.csv',
  subgraph: 'licences',
  entity: Licence,
  summary: 'Licences the vendor granted to partners.',
  columns: [
    column.id('id', 'the licence id allocations and contracts refer to'),
    column.id('holderId', 'the partner holding it (partners.csv or already stored)'),
    column.oneOf('product', values(LicenceProduct), 'licensed product'),
    column.count('cores', 'licensed cores'),
    column.date('startsOn', 'first day'),
    column.date('endsOn', 'last day, after startsOn'),
    addedLater(
      column.oneOf('status', values(LicenceStatus), 'as stored; may be left out of the header (ACTIVE: granted and in force until endsOn)'),
      LicenceStatus.ACTIVE,
    ),
  ],
  firstDay: 'startsOn',
  open: (row) => [
    mutation(({ licences }) =>
      licences.licenceWrites.create(
        {
          holderId: str(row.holderId),
          product: row.product as LicenceProduct,
          cores: num(row.cores),
          startsOn: str(row.startsOn),
          endsOn: str(row.endsOn),
        },
        { id: row.id },
      ),
    ),
  ],
  // Granted ACTIVE; a licence stored EXPIRED or TERMINATED is recorded so once its allocations and contracts are made.
  close: (row) => (row.status === LicenceStatus.ACTIVE ? [] : [recordAsStored('licences', Licence, row.id, { status: row.status })]),
};

const MEMBERSHIP_STATUSES = [
  MembershipStatus.INVITED,
  MembershipStatus.ACTIVE,
  MembershipStatus.NOT_INVITED,
  MembershipStatus.TERMINATED,
  MembershipStatus.DECLINED,
];
/** Statuses whose membership has a last day. */
const MEMBERSHIP_ENDED = [MembershipStatus.TERMINATED, MembershipStatus.DECLINED];

const memberships: RecordKind = {
  file: 'memberships.csv',
  subgraph: 'programs',
  entity: ProgramMembership,
  summary: 'Program memberships: invited, then admitted (ADVANTAGE checks licensed cores), refused, declined or terminated.',
  columns: [
    column.id('id', 'the membership id'),
    column.id('partnerId', 'the member partner'),
    column.oneOf('programCode', values(ProgramCode), 'the program'),
    column.oneOf('role', values(WhiteLabelRole), 'WHITE_LABEL only: PRIMARY or SECONDARY', false),
    column.oneOf('status', MEMBERSHIP_STATUSES, 'where the membership stands'),
    column.date('startedOn', 'invited on, and admitted on when ACTIVE or TERMINATED'),
    column.date('endedOn', 'TERMINATED or DECLINED only: the day it ended', false),
    column.text('reason', 'why (refusal or termination), free text', false),
  ],
  check: (row) =>
    endDateRule(row, str(row.status), [MembershipStatus.TERMINATED], 'endedOn') ??
    (!MEMBERSHIP_ENDED.includes(row.status as MembershipStatus) && row.endedOn !== null
      ? { column: 'endedOn', reason: 'endedOn is only for TERMINATED and DECLINED memberships.' }
      : null),
  firstDay: 'startedOn',
  open: (row) => {
    const decision = { membershipId: row.id, on: str(row.startedOn), reason: text(row.reason) };
    const asDecision = { membershipId: 'id', on: 'startedOn' };
    const steps: Step[] = [
      mutation(
        ({ programs }) =>
          programs.membershipWrites.invite(
            {
              programCode: row.programCode as ProgramCode,
              partnerId: str(row.partnerId),
              invitedOn: str(row.startedOn),
              role: row.role as WhiteLabelRole | null,
              reason: text(row.reason),
            },
            { id: row.id },
          ),
        { invitedOn: 'startedOn' },
      ),
    ];
    if (row.status === MembershipStatus.ACTIVE || row.status === MembershipStatus.TERMINATED)
      steps.push(mutation(({ programs }) => programs.membershipWrites.admit(decision), asDecision));
    if (row.status === MembershipStatus.NOT_INVITED)
      steps.push(mutation(({ programs }) => programs.membershipWrites.refuse(decision), asDecision));
    return steps;
  },
  close: (row) => {
    // No mutation declines: the partner's answer to an invitation is recorded as stored.
    if (row.status === MembershipStatus.DECLINED)
      return [recordAsStored('programs', ProgramMembership, row.id, { status: MembershipStatus.DECLINED, endedOn: row.endedOn })];
    return row.status === MembershipStatus.TERMINATED
      ? [
          mutation(
            ({ programs }) => programs.membershipWrites.terminate({ membershipId: row.id, on: str(row.endedOn), reason: text(row.reason) }),
            { membershipId: 'id', on: 'endedOn' },
          ),
        ]
      : [];
  },
  storedAs: { programCode: 'programId' },
  exported: async (manager) => {
    const codes = new Map((await manager.find(Program)).map((program) => [program.id, program.code]));
    return (stored) => ({ programCode: codes.get(stored.programId as string) ?? null });
  },
  stored: async (row, session) => {
    const program = await session.store('programs').manager.findOneBy(Program, { code: row.programCode as ProgramCode });
    return {
      partnerId: row.partnerId,
      programCode: program?.id ?? null,
      role: row.role,
      status: row.status,
      startedOn: row.startedOn,
      endedOn: row.endedOn,
      reason: row.reason,
    };
  },
};

const agreements: RecordKind = {
  file: 'agreements.csv',
  subgraph: 'licences',
  entity: WhiteLabelAgreement,
  summary: 'White-label agreements between a PRIMARY and a partner that is not one.',
  columns: [
    column.id('id', 'the agreement id allocations refer to'),
    column.id('primaryId', 'the PRIMARY reselling'),
    column.id('secondaryId', 'the partner buying from it'),
    column.date('signedOn', 'day signed'),
    column.date('endsOn', 'planned end (ACTIVE, EXPIRED) or the day it was terminated (TERMINATED)', false),
    column.oneOf('status', values(AgreementStatus), 'where the agreement stands'),
  ],
  check: (row) => endDateRule(row, str(row.status), [AgreementStatus.TERMINATED, AgreementStatus.EXPIRED], 'endsOn'),
  openedOn: (row) => (row.status === AgreementStatus.ACTIVE ? null : text(row.endsOn)),
  firstDay: 'signedOn',
  open: (row) => [
    mutation(({ licences }) =>
      licences.agreementWrites.sign(
        {
          primaryId: str(row.primaryId),
          secondaryId: str(row.secondaryId),
          signedOn: str(row.signedOn),
          endsOn: row.status === AgreementStatus.TERMINATED ? null : text(row.endsOn),
        },
        { id: row.id },
      ),
    ),
  ],
  close: (row) => {
    // An agreement stored EXPIRED (its planned end passed) is recorded so, as no mutation makes it.
    if (row.status === AgreementStatus.EXPIRED)
      return [recordAsStored('licences', WhiteLabelAgreement, row.id, { status: AgreementStatus.EXPIRED, activePair: null })];
    return row.status === AgreementStatus.TERMINATED
      ? [
          mutation(({ licences }) => licences.agreementWrites.terminate({ agreementId: row.id, endsOn: str(row.endsOn) }), {
            agreementId: 'id',
          }),
        ]
      : [];
  },
};

const allocations: RecordKind = {
  file: 'allocations.csv',
  subgraph: 'licences',
  entity: LicenceAllocation,
  summary: "Cores of a primary's licence allocated to a secondary under their agreement.",
  columns: [
    column.id('id', 'the allocation id contracts refer to'),
    column.id('agreementId', 'the ACTIVE agreement it is made under'),
    column.id('licenceId', "the primary's licence the cores come from"),
    column.count('cores', 'cores allocated, at most the licence has available'),
    column.date('startsOn', 'first day'),
    column.date('endsOn', 'planned end (ACTIVE) or the day it was released (RELEASED)', false),
    column.oneOf('status', values(AllocationStatus), 'where the allocation stands'),
  ],
  ...endedBy(ALLOCATION_LIFECYCLE, (row) =>
    mutation(({ licences }) => licences.allocationWrites.release({ allocationId: row.id, endsOn: str(row.endsOn) }), {
      allocationId: 'id',
    }),
  ),
  firstDay: 'startsOn',
  open: (row) => [
    mutation(({ licences }) =>
      licences.allocationWrites.allocate(
        {
          agreementId: str(row.agreementId),
          licenceId: str(row.licenceId),
          cores: num(row.cores),
          startsOn: str(row.startsOn),
          endsOn: plannedEnd(ALLOCATION_LIFECYCLE, row),
        },
        { id: row.id },
      ),
    ),
  ],
};

const customers: RecordKind = {
  file: 'customers.csv',
  subgraph: 'customers',
  entity: EndCustomer,
  summary: 'End customers.',
  columns: [
    column.id('id', 'the customer id contracts refer to'),
    column.text('name', '1 to 200 characters'),
    column.text('country', 'ISO 3166-1 alpha-2 code'),
    column.oneOf('industry', values(Industry), 'industry'),
    column.boolean('sovereignCloudRequired', 'true or false'),
  ],
  open: (row) => [
    mutation(({ customers }) =>
      customers.customerWrites.create(
        {
          ...organisation(row),
          industry: row.industry as Industry,
          sovereignCloudRequired: row.sovereignCloudRequired as boolean,
        },
        { id: row.id },
      ),
    ),
  ],
  stored: async (row) => ({
    ...storedOrganisation(row),
    industry: row.industry,
    sovereignCloudRequired: row.sovereignCloudRequired,
  }),
};

const contracts: RecordKind = {
  file: 'contracts.csv',
  subgraph: 'customers',
  entity: ServiceContract,
  summary: 'Service contracts: a secondary serving on one of its allocations, or a primary on one of its licences.',
  columns: [
    column.id('id', 'the contract id'),
    column.id('customerId', 'the customer served'),
    column.id('providerId', 'the partner serving it'),
    column.id('licenceId', 'a primary serving on its licence (give this or allocationId)', false),
    column.id('allocationId', 'a secondary serving on its allocation (give this or licenceId)', false),
    column.count('coresInUse', 'cores the customer uses'),
    column.date('startsOn', 'first day'),
    column.date('endsOn', 'planned end (ACTIVE) or the day it ended (ENDED)', false),
    column.oneOf('status', values(ContractStatus), 'where the contract stands'),
  ],
  ...endedBy(CONTRACT_LIFECYCLE, (row) =>
    mutation(({ customers }) => customers.contractWrites.end({ contractId: row.id, endsOn: str(row.endsOn) }), { contractId: 'id' }),
  ),
  firstDay: 'startsOn',
  open: (row) => [
    mutation(({ customers }) =>
      customers.contractWrites.open(
        {
          customerId: str(row.customerId),
          providerId: str(row.providerId),
          licenceId: text(row.licenceId),
          allocationId: text(row.allocationId),
          coresInUse: num(row.coresInUse),
          startsOn: str(row.startsOn),
          endsOn: plannedEnd(CONTRACT_LIFECYCLE, row),
        },
        { id: row.id },
      ),
    ),
  ],
};

const migrations: RecordKind = {
  file: 'migrations.csv',
  subgraph: 'customers',
  entity: CustomerMigration,
  summary: 'Customers leaving a provider: to a PRIMARY or SECONDARY, or to another platform.',
  columns: [
    column.id('id', 'the migration id'),
    column.id('customerId', 'the customer moving'),
    column.id('fromProviderId', 'the provider it leaves (it has a contract with it)'),
    column.id('toProviderId', 'a PRIMARY or SECONDARY it moves to (give this or alternativeVendor)', false),
    column.text('alternativeVendor', 'the platform it moves to instead', false),
    column.oneOf('reason', values(MigrationReason), 'why'),
    column.oneOf('status', values(MigrationStatus), 'how far the move is'),
    column.date('decidedOn', 'day decided'),
  ],
  firstDay: 'decidedOn',
  open: (row) => [
    mutation(({ customers }) =>
      customers.migrationWrites.record(
        {
          customerId: str(row.customerId),
          fromProviderId: str(row.fromProviderId),
          toProviderId: text(row.toProviderId),
          alternativeVendor: text(row.alternativeVendor),
          reason: row.reason as MigrationReason,
          status: row.status as MigrationStatus,
          decidedOn: str(row.decidedOn),
        },
        { id: row.id },
      ),
    ),
  ],
};

/**
 * A subgraph's audit trail, as the export writes it: the events are recorded as they are (no
 * mutation makes them), and a subgraph whose trail the files carry gets no events of its own from
 * the import (bulk-import.ts), so the restored trail is the one exported.
 */
function auditTrailOf(subgraph: SubgraphName): RecordKind {
  return {
    file: `audit-${subgraph}.csv`,
    subgraph,
    entity: AuditEvent,
    summary: `The ${subgraph} subgraph's audit trail (written by the export; restores the trail as it was).`,
    columns: [
      column.id('id', 'the event id'),
      column.text('entityType', 'the kind of record changed, e.g. LicenceAllocation'),
      column.text('entityId', 'the record changed'),
      column.text('action', 'the mutation, e.g. allocateCores'),
      column.text('actorSubject', 'who made the change'),
      column.text('actorRole', 'their role: VENDOR, PRIMARY or SECONDARY'),
      column.text('actorPartnerId', 'their partner, for PRIMARY and SECONDARY', false),
      column.timestamp('occurredAt', 'when, ISO-8601 UTC with milliseconds'),
      column.text('before', 'the record before the change, as JSON (empty when created)', false),
      column.text('after', 'the record after the change, as JSON', false),
    ],
    firstDay: 'occurredAt',
    open: (row) => [
      {
        errors: async (_contexts, session) => {
          await session.store(subgraph).manager.insert(AuditEvent, { ...row });
          return [];
        },
      },
    ],
  };
}

/** The audit trail files, one per subgraph. */
export const AUDIT_TRAIL_KINDS: readonly RecordKind[] = (['partners', 'programs', 'licences', 'customers'] as const).map(auditTrailOf);

/** Every kind, in the order rows are opened (a record's references come before it). */
export const RECORD_KINDS: readonly RecordKind[] = [
  partners,
  licences,
  memberships,
  agreements,
  allocations,
  customers,
  contracts,
  migrations,
  ...AUDIT_TRAIL_KINDS,
];
