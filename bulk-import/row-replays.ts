import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../common/config';
import { ContractStatus } from '../subgraphs/customers/contract/contract.entity';
import { AgreementStatus, WhiteLabelAgreement } from '../subgraphs/licences/agreement/agreement.entity';
import { AllocationStatus } from '../subgraphs/licences/allocation/allocation.entity';
import { Licence, LicenceStatus } from '../subgraphs/licences/licence/licence.entity';
import { MembershipStatus, ProgramMembership } from '../subgraphs/programs/membership/membership.entity';
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
import type { CellValue } from './csv-files';
import {
  AGREEMENTS_CSV,
  ALLOCATIONS_CSV,
  AUDIT_TRAIL_FORMATS,
  CONTRACTS_CSV,
  CSV_FORMATS,
  CUSTOMERS_CSV,
  LICENCES_CSV,
  MEMBERSHIPS_CSV,
  MIGRATIONS_CSV,
  PARTNERS_CSV,
  type CsvFormat,
  type FormatCells as Cells,
} from './csv-formats';
import type { ImportSession, SubgraphContexts } from './import-session';

/** One mutation a row makes, and which of its input fields come from which column. */
export interface Step {
  errors(contexts: SubgraphContexts, session: ImportSession): Promise<UserError[]>;
  /** Input field → column, where they are named differently. */
  columns?: Record<string, string>;
}

/**
 * How a row of one format becomes mutations of its subgraph. `open` creates the record; `close`
 * (after every file is open, in reverse order) ends it when the row says it has ended — so a
 * terminated agreement can still have had allocations and contracts.
 */
interface RowReplay {
  /** Rules between the columns of one row. */
  check?(cells: Cells): { column: string; reason: string } | null;
  open(row: Cells): Step[];
  close?(row: Cells): Step[];
  /**
   * The day the row's record is opened on, when not today: a record that has ended is opened as of
   * its last day in force, so the rules see what stood then (its licence was ACTIVE, not EXPIRED).
   */
  openedOn?(row: Cells): string | null;
}

/** One kind of record the import reads: its CSV format and how its rows are replayed. */
export type RecordKind = CsvFormat & RowReplay;

/** A step of a row: what it makes of the row's cells. */
type RowStep = (row: Cells) => Step;

const text = (value: CellValue | undefined) => (value === null || value === undefined ? null : String(value));

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
}): RowReplay {
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

/** What a row must leave in the database: every column but `id` as the row gives it, or as the format's `stored` works it out. */
export async function expectedOf(format: CsvFormat, row: Cells, session: ImportSession): Promise<Record<string, CellValue | undefined>> {
  const expected: Record<string, CellValue | undefined> = {};
  for (const { name } of format.columns.filter((spec) => spec.name !== 'id')) {
    const storedOf = format.stored?.[name];
    expected[name] = storedOf ? await storedOf(row, session) : row[name];
  }
  return expected;
}

/** The same steps for every row. */
function always(...steps: RowStep[]): (row: Cells) => Step[] {
  return (row) => steps.map((step) => step(row));
}

const partners: RowReplay = {
  open: always(
    mutation<CreatePartnerInput>(
      (c, input, options) => c.partners.partnerWrites.create(input, options),
      ['name', 'country', 'region', 'category', 'website'],
    ),
  ),
};

/** Granted ACTIVE; a licence stored EXPIRED or TERMINATED is recorded so once its allocations and contracts are made. */
const licenceAsStored = recordAsStored('licences', Licence, (row) => ({ status: row.status }));

const licences: RowReplay = {
  open: always(
    mutation<CreateLicenceInput>(
      (c, input, options) => c.licences.licenceWrites.create(input, options),
      ['holderId', 'product', 'cores', 'startsOn', 'endsOn'],
    ),
  ),
  close: byStatus({ [LicenceStatus.EXPIRED]: [licenceAsStored], [LicenceStatus.TERMINATED]: [licenceAsStored] }),
};

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

const memberships: RowReplay = {
  check: (row) =>
    endDateRule(row, [MembershipStatus.TERMINATED], 'endedOn') ??
    (!MEMBERSHIP_ENDED.includes(String(row.status)) && row.endedOn !== null
      ? { column: 'endedOn', reason: 'endedOn is only for TERMINATED and DECLINED memberships.' }
      : null),
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
};

const terminateAgreement = endingOnEndsOn<TerminateAgreementInput>(
  (c, input) => c.licences.agreementWrites.terminate(input),
  'agreementId',
);
/** An agreement stored EXPIRED (its planned end passed) is recorded so, as no mutation makes it. */
const recordExpired = recordAsStored('licences', WhiteLabelAgreement, () => ({ status: AgreementStatus.EXPIRED, activePair: null }));

const agreements = openedThenEnded<SignAgreementInput>({
  open: (c, input, options) => c.licences.agreementWrites.sign(input, options),
  sameAs: ['primaryId', 'secondaryId', 'signedOn'],
  endedBy: { [AgreementStatus.TERMINATED]: terminateAgreement, [AgreementStatus.EXPIRED]: recordExpired },
  plannedEndPassed: [AgreementStatus.EXPIRED],
});

const allocations = openedThenEnded<AllocateCoresInput>({
  open: (c, input, options) => c.licences.allocationWrites.allocate(input, options),
  sameAs: ['agreementId', 'licenceId', 'cores', 'startsOn'],
  endedBy: {
    [AllocationStatus.RELEASED]: endingOnEndsOn<ReleaseAllocationInput>(
      (c, input) => c.licences.allocationWrites.release(input),
      'allocationId',
    ),
  },
});

const customers: RowReplay = {
  open: always(
    mutation<CreateCustomerInput>(
      (c, input, options) => c.customers.customerWrites.create(input, options),
      ['name', 'country', 'industry', 'sovereignCloudRequired'],
    ),
  ),
};

const contracts = openedThenEnded<OpenContractInput>({
  open: (c, input, options) => c.customers.contractWrites.open(input, options),
  sameAs: ['customerId', 'providerId', 'licenceId', 'allocationId', 'coresInUse', 'startsOn'],
  endedBy: {
    [ContractStatus.ENDED]: endingOnEndsOn<EndContractInput>((c, input) => c.customers.contractWrites.end(input), 'contractId'),
  },
});

const migrations: RowReplay = {
  open: always(
    mutation<RecordMigrationInput>(
      (c, input, options) => c.customers.migrationWrites.record(input, options),
      ['customerId', 'fromProviderId', 'toProviderId', 'alternativeVendor', 'reason', 'status', 'decidedOn'],
    ),
  ),
};

/**
 * A subgraph's audit trail: the events are recorded as they are (no mutation makes them), and a
 * subgraph whose trail the files carry gets no events of its own from the import (bulk-import.ts),
 * so the restored trail is the one exported.
 */
function restoredTrail(subgraph: SubgraphName): RowReplay {
  return {
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

const REPLAYS = new Map<CsvFormat, RowReplay>([
  [PARTNERS_CSV, partners],
  [LICENCES_CSV, licences],
  [MEMBERSHIPS_CSV, memberships],
  [AGREEMENTS_CSV, agreements],
  [ALLOCATIONS_CSV, allocations],
  [CUSTOMERS_CSV, customers],
  [CONTRACTS_CSV, contracts],
  [MIGRATIONS_CSV, migrations],
  ...AUDIT_TRAIL_FORMATS.map((format): [CsvFormat, RowReplay] => [format, restoredTrail(format.subgraph)]),
]);

/** Every kind, in the order of CSV_FORMATS: the order rows are opened (a record's references come before it). */
export const RECORD_KINDS: readonly RecordKind[] = CSV_FORMATS.map((format) => {
  const replay = REPLAYS.get(format);
  if (!replay) throw new Error(`${format.file} has a format but no replay.`);
  return { ...format, ...replay };
});

/** Whether the kind is a subgraph's audit trail (the export writes them; the import restores them as recorded). */
export function isAuditTrail(kind: RecordKind): boolean {
  return AUDIT_TRAIL_FORMATS.some((format) => format.file === kind.file);
}
