import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../common/config';
import { ContractStatus, ServiceContract } from '../subgraphs/customers/contract/contract.entity';
import { EndCustomer } from '../subgraphs/customers/customer/customer.entity';
import { CustomerMigration } from '../subgraphs/customers/migration/migration.entity';
import { AgreementStatus, WhiteLabelAgreement } from '../subgraphs/licences/agreement/agreement.entity';
import { AllocationStatus, LicenceAllocation } from '../subgraphs/licences/allocation/allocation.entity';
import { Licence, LicenceStatus } from '../subgraphs/licences/licence/licence.entity';
import { Partner } from '../subgraphs/partners/partner/partner.entity';
import { MembershipStatus, ProgramMembership } from '../subgraphs/programs/membership/membership.entity';
import { Program, ProgramCode } from '../subgraphs/programs/program/program.entity';
import { AuditEvent } from '../subgraphs/kit/writes/audit-event.entity';
import type { UserError } from '../subgraphs/kit/writes/user-error';
import type { CreateOptions } from '../subgraphs/kit/writes/write-helpers';
import type { CreatePartnerInput } from '../subgraphs/partners/partner/partner.inputs';
import type { CreateLicenceInput } from '../subgraphs/licences/licence/licence.inputs';
import type { InviteToProgramInput, MembershipDecisionInput } from '../subgraphs/programs/membership/membership.inputs';
import type { SignAgreementInput, TerminateAgreementInput } from '../subgraphs/licences/agreement/agreement.inputs';
import type { AllocateCoresInput, ReleaseAllocationInput } from '../subgraphs/licences/allocation/allocation.inputs';
import type { CreateCustomerInput } from '../subgraphs/customers/customer/customer.inputs';
import type { EndContractInput, OpenContractInput } from '../subgraphs/customers/contract/contract.inputs';
import type { RecordMigrationInput } from '../subgraphs/customers/migration/migration.inputs';
import type { CellValue, ColumnSpec, CsvRow } from './csv-files';
import { recordsOf } from './entity-columns';
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
 * have had allocations and contracts. What the row must leave in the database is every column but
 * `id` as the row gives it, or as `stored` works it out: an existing record equal to it is
 * unchanged, one that differs is a conflict.
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
  /** Column → what the row leaves stored there, where it is not the cell as given (see `expectedOf`). */
  stored?: Record<string, (row: Cells, session: ImportSession) => Promise<CellValue>>;
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
/** A step of a row: what it makes of the row's cells. */
type RowStep = (row: Cells) => Step;

// Cells of a row that passed the file's checks: every column named in `columns` is present, required ones not null.
const text = (value: CellValue | undefined) => (value === null || value === undefined ? null : String(value));
const values = (enumeration: Record<string, string>) => Object.values(enumeration);

function endDateRule(cells: Cells, ended: readonly string[], endColumn: string) {
  const status = String(cells.status);
  if (ended.includes(status) && cells[endColumn] === null)
    return { column: endColumn, reason: `${endColumn} is required when status is ${status}: it is the day it ended.` };
  return null;
}

/**
 * A record made by the mutation `open` (its input fields `sameAs` the columns) and ended when the
 * row's status is a key of `endedBy`: endsOn is then required, the day it ended; the record is
 * opened as of that day, so the rules see what stood then, and the status's step ends it on that
 * day. `open` is given endsOn as the planned end: none for a record ended early (it is ended later,
 * by `close`), the one that passed for a status of `plannedEndPassed`.
 */
function openedThenEnded<TInput extends { endsOn?: string | null }>({
  open,
  sameAs,
  endedBy,
  plannedEndPassed = [],
}: {
  open: (contexts: SubgraphContexts, input: TInput, options: CreateOptions) => Promise<{ errors: UserError[] }>;
  sameAs: ReadonlyArray<keyof TInput & string>;
  endedBy: Partial<Record<string, RowStep>>;
  plannedEndPassed?: readonly string[];
}): Pick<RecordKind, 'check' | 'openedOn' | 'open' | 'close'> {
  const ended = Object.keys(endedBy);
  const endedEarly = ended.filter((status) => !plannedEndPassed.includes(status));
  const plannedEnd: FromRow = (row) => (endedEarly.includes(String(row.status)) ? null : text(row.endsOn));
  return {
    check: (row) => endDateRule(row, ended, 'endsOn'),
    openedOn: (row) => (ended.includes(String(row.status)) ? text(row.endsOn) : null),
    open: always(mutation<TInput>(open, sameAs, { endsOn: plannedEnd } as Partial<Record<keyof TInput, FromRow>>)),
    close: (row) => {
      const end = endedBy[String(row.status)];
      return end ? [end(row)] : [];
    },
  };
}

/** The mutation that ends a record (`idField`: its input field for the row's id) on the row's endsOn. */
function endingOnEndsOn<TInput extends { endsOn?: string | null }>(
  write: (contexts: SubgraphContexts, input: TInput) => Promise<{ errors: UserError[] }>,
  idField: keyof TInput & string,
): RowStep {
  return mutation<TInput>(write, ['endsOn'], { [idField]: 'id' } as Partial<Record<keyof TInput, string>>);
}

/** The steps the row's status calls for, in order (none for a status not listed). */
function byStatus(steps: Partial<Record<string, RowStep[]>>): (row: Cells) => Step[] {
  return (row) => (steps[String(row.status)] ?? []).map((step) => step(row));
}

type FromRow = (row: Cells) => CellValue;

/**
 * A step that makes one mutation: its input fields `sameAs` the columns of the same name, and
 * `otherwise` the cell of the column named or what is worked out from the row; a creating mutation
 * is given the row's id. An input field named after another column is reported as that column.
 */
function mutation<TInput>(
  write: (contexts: SubgraphContexts, input: TInput, options: CreateOptions) => Promise<{ errors: UserError[] }>,
  sameAs: ReadonlyArray<keyof TInput & string>,
  otherwise: Partial<Record<keyof TInput, string | FromRow>> = {},
): RowStep {
  const sources: Array<[string, string | FromRow]> = [
    ...sameAs.map((field): [string, string] => [field, field]),
    ...(Object.entries(otherwise) as Array<[string, string | FromRow]>),
  ];
  const renamed = sources.filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== entry[0]);
  const columns = renamed.length > 0 ? Object.fromEntries(renamed) : undefined;
  return (row) => {
    const input = Object.fromEntries(sources.map(([field, source]) => [field, typeof source === 'string' ? row[source] : source(row)]));
    return { errors: async (contexts) => (await write(contexts, input as TInput, { id: row.id })).errors, columns };
  };
}

/**
 * Records what no mutation makes but a store can hold (a status the generator or an older version
 * wrote: an EXPIRED licence or agreement, a DECLINED membership), after the record and everything
 * on it are in place.
 */
function recordAsStored(subgraph: SubgraphName, entity: EntityTarget<ObjectLiteral>, fields: (row: Cells) => ObjectLiteral): RowStep {
  return (row) => ({
    errors: async (_contexts, session) => {
      await session.store(subgraph).manager.update(entity, { id: row.id }, fields(row));
      return [];
    },
  });
}

/** What a row must leave in the database: every column but `id` as the row gives it, or as the kind's `stored` works it out. */
export async function expectedOf(kind: RecordKind, row: Cells, session: ImportSession): Promise<Record<string, CellValue | undefined>> {
  const expected: Record<string, CellValue | undefined> = {};
  for (const { name } of kind.columns.filter((spec) => spec.name !== 'id')) {
    const storedOf = kind.stored?.[name];
    expected[name] = storedOf ? await storedOf(row, session) : row[name];
  }
  return expected;
}

/** Name and country of an organisation (a partner, a customer) as the mutation stores them (kit/writes/write-helpers.ts: name trimmed, country in capitals). */
const STORED_ORGANISATION: RecordKind['stored'] = {
  name: async (row) => String(row.name).trim(),
  country: async (row) => String(row.country).toUpperCase(),
};

/** The same steps for every row. */
function always(...steps: RowStep[]): (row: Cells) => Step[] {
  return (row) => steps.map((step) => step(row));
}

const partners: RecordKind = {
  file: 'partners.csv',
  subgraph: 'partners',
  summary: 'The partner directory.',
  ...recordsOf(Partner, {
    id: 'the partner id other files refer to',
    name: 'unique name, 1 to 200 characters',
    country: 'ISO 3166-1 alpha-2 code, e.g. IT',
    region: 'sales region',
    category: 'kind of provider',
    website: 'http(s) address',
  }),
  open: always(
    mutation<CreatePartnerInput>(
      (c, input, options) => c.partners.partnerWrites.create(input, options),
      ['name', 'country', 'region', 'category', 'website'],
    ),
  ),
  stored: STORED_ORGANISATION,
};

/** Granted ACTIVE; a licence stored EXPIRED or TERMINATED is recorded so once its allocations and contracts are made. */
const licenceAsStored = recordAsStored('licences', Licence, (row) => ({ status: row.status }));

const licences: RecordKind = {
  file: 'licences.csv',
  subgraph: 'licences',
  summary: 'Licences the vendor granted to partners.',
  ...recordsOf(
    Licence,
    {
      id: 'the licence id allocations and contracts refer to',
      holderId: 'the partner holding it (partners.csv or already stored)',
      product: 'licensed product',
      cores: 'licensed cores',
      startsOn: 'first day',
      endsOn: 'last day, after startsOn',
      status: 'as stored; may be left out of the header (ACTIVE: granted and in force until endsOn)',
    },
    // Added to the format later: files written before it give every licence as granted.
    { status: { whenAbsent: LicenceStatus.ACTIVE } },
  ),
  firstDay: 'startsOn',
  open: always(
    mutation<CreateLicenceInput>(
      (c, input, options) => c.licences.licenceWrites.create(input, options),
      ['holderId', 'product', 'cores', 'startsOn', 'endsOn'],
    ),
  ),
  close: byStatus({ [LicenceStatus.EXPIRED]: [licenceAsStored], [LicenceStatus.TERMINATED]: [licenceAsStored] }),
};

const MEMBERSHIP_STATUSES = [
  MembershipStatus.INVITED,
  MembershipStatus.ACTIVE,
  MembershipStatus.NOT_INVITED,
  MembershipStatus.TERMINATED,
  MembershipStatus.DECLINED,
];
/** Statuses whose membership has a last day. */
const MEMBERSHIP_ENDED: readonly string[] = [MembershipStatus.TERMINATED, MembershipStatus.DECLINED];

const invite = mutation<InviteToProgramInput>(
  (c, input, options) => c.programs.membershipWrites.invite(input, options),
  ['programCode', 'partnerId', 'role', 'reason'],
  { invitedOn: 'startedOn' },
);
/** A decision on the invitation, taking effect on the day the membership started. */
const decision = (decide: (c: SubgraphContexts, input: MembershipDecisionInput) => Promise<{ errors: UserError[] }>) =>
  mutation<MembershipDecisionInput>(decide, ['reason'], { membershipId: 'id', on: 'startedOn' });
const admit = decision((c, input) => c.programs.membershipWrites.admit(input));
const refuse = decision((c, input) => c.programs.membershipWrites.refuse(input));

const memberships: RecordKind = {
  file: 'memberships.csv',
  subgraph: 'programs',
  summary: 'Program memberships: invited, then admitted (ADVANTAGE checks licensed cores), refused, declined or terminated.',
  ...recordsOf(
    ProgramMembership,
    {
      id: 'the membership id',
      partnerId: 'the member partner',
      programCode: 'the program',
      role: 'WHITE_LABEL only: PRIMARY or SECONDARY',
      status: 'where the membership stands',
      startedOn: 'invited on, and admitted on when ACTIVE or TERMINATED',
      endedOn: 'TERMINATED or DECLINED only: the day it ended',
      reason: 'why (refusal or termination), free text',
    },
    {
      // Files name the program by its code; the entity holds its id (storedAs).
      programCode: { type: { kind: 'enum', values: values(ProgramCode) }, required: true },
      // The order a membership goes through them, as errors and the README list them.
      status: { type: { kind: 'enum', values: MEMBERSHIP_STATUSES } },
    },
  ),
  check: (row) =>
    endDateRule(row, [MembershipStatus.TERMINATED], 'endedOn') ??
    (!MEMBERSHIP_ENDED.includes(String(row.status)) && row.endedOn !== null
      ? { column: 'endedOn', reason: 'endedOn is only for TERMINATED and DECLINED memberships.' }
      : null),
  firstDay: 'startedOn',
  open: byStatus({
    [MembershipStatus.INVITED]: [invite],
    [MembershipStatus.ACTIVE]: [invite, admit],
    [MembershipStatus.NOT_INVITED]: [invite, refuse],
    [MembershipStatus.TERMINATED]: [invite, admit],
    [MembershipStatus.DECLINED]: [invite],
  }),
  close: byStatus({
    // No mutation declines: the partner's answer to an invitation is recorded as stored.
    [MembershipStatus.DECLINED]: [
      recordAsStored('programs', ProgramMembership, (row) => ({ status: MembershipStatus.DECLINED, endedOn: row.endedOn })),
    ],
    [MembershipStatus.TERMINATED]: [
      mutation<MembershipDecisionInput>((c, input) => c.programs.membershipWrites.terminate(input), ['reason'], {
        membershipId: 'id',
        on: 'endedOn',
      }),
    ],
  }),
  storedAs: { programCode: 'programId' },
  exported: async (manager) => {
    const codes = new Map((await manager.find(Program)).map((program) => [program.id, program.code]));
    return (stored) => ({ programCode: codes.get(stored.programId as string) ?? null });
  },
  stored: {
    programCode: async (row, session) =>
      (await session.store('programs').manager.findOneBy(Program, { code: row.programCode as ProgramCode }))?.id ?? null,
  },
};

const terminateAgreement = endingOnEndsOn<TerminateAgreementInput>(
  (c, input) => c.licences.agreementWrites.terminate(input),
  'agreementId',
);
/** An agreement stored EXPIRED (its planned end passed) is recorded so, as no mutation makes it. */
const recordExpired = recordAsStored('licences', WhiteLabelAgreement, () => ({ status: AgreementStatus.EXPIRED, activePair: null }));

const agreements: RecordKind = {
  file: 'agreements.csv',
  subgraph: 'licences',
  summary: 'White-label agreements between a PRIMARY and a partner that is not one.',
  ...recordsOf(WhiteLabelAgreement, {
    id: 'the agreement id allocations refer to',
    primaryId: 'the PRIMARY reselling',
    secondaryId: 'the partner buying from it',
    signedOn: 'day signed',
    endsOn: 'planned end (ACTIVE, EXPIRED) or the day it was terminated (TERMINATED)',
    status: 'where the agreement stands',
  }),
  firstDay: 'signedOn',
  ...openedThenEnded<SignAgreementInput>({
    open: (c, input, options) => c.licences.agreementWrites.sign(input, options),
    sameAs: ['primaryId', 'secondaryId', 'signedOn'],
    endedBy: { [AgreementStatus.TERMINATED]: terminateAgreement, [AgreementStatus.EXPIRED]: recordExpired },
    plannedEndPassed: [AgreementStatus.EXPIRED],
  }),
};

const allocations: RecordKind = {
  file: 'allocations.csv',
  subgraph: 'licences',
  summary: "Cores of a primary's licence allocated to a secondary under their agreement.",
  // No secondaryId: the agreement names the secondary.
  ...recordsOf(LicenceAllocation, {
    id: 'the allocation id contracts refer to',
    agreementId: 'the ACTIVE agreement it is made under',
    licenceId: "the primary's licence the cores come from",
    cores: 'cores allocated, at most the licence has available',
    startsOn: 'first day',
    endsOn: 'planned end (ACTIVE) or the day it was released (RELEASED)',
    status: 'where the allocation stands',
  }),
  firstDay: 'startsOn',
  ...openedThenEnded<AllocateCoresInput>({
    open: (c, input, options) => c.licences.allocationWrites.allocate(input, options),
    sameAs: ['agreementId', 'licenceId', 'cores', 'startsOn'],
    endedBy: {
      [AllocationStatus.RELEASED]: endingOnEndsOn<ReleaseAllocationInput>(
        (c, input) => c.licences.allocationWrites.release(input),
        'allocationId',
      ),
    },
  }),
};

const customers: RecordKind = {
  file: 'customers.csv',
  subgraph: 'customers',
  summary: 'End customers.',
  ...recordsOf(EndCustomer, {
    id: 'the customer id contracts refer to',
    name: '1 to 200 characters',
    country: 'ISO 3166-1 alpha-2 code',
    industry: 'industry',
    sovereignCloudRequired: 'true or false',
  }),
  open: always(
    mutation<CreateCustomerInput>(
      (c, input, options) => c.customers.customerWrites.create(input, options),
      ['name', 'country', 'industry', 'sovereignCloudRequired'],
    ),
  ),
  stored: STORED_ORGANISATION,
};

const contracts: RecordKind = {
  file: 'contracts.csv',
  subgraph: 'customers',
  summary: 'Service contracts: a secondary serving on one of its allocations, or a primary on one of its licences.',
  ...recordsOf(ServiceContract, {
    id: 'the contract id',
    customerId: 'the customer served',
    providerId: 'the partner serving it',
    licenceId: 'a primary serving on its licence (give this or allocationId)',
    allocationId: 'a secondary serving on its allocation (give this or licenceId)',
    coresInUse: 'cores the customer uses',
    startsOn: 'first day',
    endsOn: 'planned end (ACTIVE) or the day it ended (ENDED)',
    status: 'where the contract stands',
  }),
  firstDay: 'startsOn',
  ...openedThenEnded<OpenContractInput>({
    open: (c, input, options) => c.customers.contractWrites.open(input, options),
    sameAs: ['customerId', 'providerId', 'licenceId', 'allocationId', 'coresInUse', 'startsOn'],
    endedBy: {
      [ContractStatus.ENDED]: endingOnEndsOn<EndContractInput>((c, input) => c.customers.contractWrites.end(input), 'contractId'),
    },
  }),
};

const migrations: RecordKind = {
  file: 'migrations.csv',
  subgraph: 'customers',
  summary: 'Customers leaving a provider: to a PRIMARY or SECONDARY, or to another platform.',
  ...recordsOf(CustomerMigration, {
    id: 'the migration id',
    customerId: 'the customer moving',
    fromProviderId: 'the provider it leaves (it has a contract with it)',
    toProviderId: 'a PRIMARY or SECONDARY it moves to (give this or alternativeVendor)',
    alternativeVendor: 'the platform it moves to instead',
    reason: 'why',
    status: 'how far the move is',
    decidedOn: 'day decided',
  }),
  firstDay: 'decidedOn',
  open: always(
    mutation<RecordMigrationInput>(
      (c, input, options) => c.customers.migrationWrites.record(input, options),
      ['customerId', 'fromProviderId', 'toProviderId', 'alternativeVendor', 'reason', 'status', 'decidedOn'],
    ),
  ),
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
    summary: `The ${subgraph} subgraph's audit trail (written by the export; restores the trail as it was).`,
    ...recordsOf(
      AuditEvent,
      {
        id: 'the event id',
        entityType: 'the kind of record changed, e.g. LicenceAllocation',
        entityId: 'the record changed',
        action: 'the mutation, e.g. allocateCores',
        actorSubject: 'who made the change',
        actorRole: 'their role: VENDOR, PRIMARY or SECONDARY',
        actorPartnerId: 'their partner, for PRIMARY and SECONDARY',
        occurredAt: 'when, ISO-8601 UTC with milliseconds',
        before: 'the record before the change, as JSON (empty when created)',
        after: 'the record after the change, as JSON',
      },
      {
        // Text, as the format has always read them: a trail is restored as recorded, unchecked.
        entityId: { type: { kind: 'text' } },
        actorPartnerId: { type: { kind: 'text' } },
        // Stored as text (no driver shifts it by a time zone), but a CSV cell must be an exact UTC time.
        occurredAt: { type: { kind: 'timestamp' } },
      },
    ),
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
