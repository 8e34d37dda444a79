import type { EntityManager, ObjectLiteral } from 'typeorm';
import { SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import { subgraphStoring } from '../subgraphs';
import { firstDayProperty } from '../subgraphs/kit/columns';
import { EndCustomer } from '../subgraphs/customers/customer/customer.entity';
import { ServiceContract } from '../subgraphs/customers/contract/contract.entity';
import { CustomerMigration } from '../subgraphs/customers/migration/migration.entity';
import { WhiteLabelAgreement } from '../subgraphs/licences/agreement/agreement.entity';
import { LicenceAllocation } from '../subgraphs/licences/allocation/allocation.entity';
import { Licence, LicenceStatus } from '../subgraphs/licences/licence/licence.entity';
import { Partner } from '../subgraphs/partners/partner/partner.entity';
import { MembershipStatus, ProgramMembership } from '../subgraphs/programs/membership/membership.entity';
import { Program, ProgramCode } from '../subgraphs/programs/program/program.entity';
import { AuditEvent } from '../subgraphs/kit/writes/audit-event.entity';
import type { CellValue, ColumnSpec, CsvRow } from './csv-files';
import { recordsOf } from './entity-columns';
import type { ImportSession } from './import-session';

/**
 * What one CSV file of the bulk import and the export is: the records of which entity it holds,
 * of which subgraph, and its columns. What the row leaves in the database is every column but
 * `id` as the row gives it, or as `stored` works it out; the export writes each column from the
 * stored field of its name (or `storedAs`), but where `exported` says otherwise.
 */
export interface CsvFormat {
  file: string;
  subgraph: SubgraphName;
  entity: new () => ObjectLiteral;
  summary: string;
  columns: ColumnSpec[];
  /** Column → what the row leaves stored there, where it is not the cell as given. */
  stored?: Record<string, (row: FormatCells, session: ImportSession) => Promise<CellValue>>;
  /** Column → entity field, where a column holds a field named differently. */
  storedAs?: Record<string, string>;
  /** The export writes rows oldest first by this column (then by id), the order history happened in. */
  firstDay?: string;
  /** For the export: cells whose column is not simply the stored field (`storedAs`), per stored record. */
  exported?(manager: EntityManager): Promise<(stored: ObjectLiteral) => Record<string, CellValue>>;
}

/** The cells of a row that passed the file's checks: every column named in `columns` is present, required ones not null. */
export type FormatCells = CsvRow['cells'] & { id: string };

/**
 * A format whose subgraph is the one storing its entity, and whose first day is the column the
 * entity declares with FirstDayColumn, unless the definition names them.
 */
function csvFormat(definition: Omit<CsvFormat, 'subgraph'> & { subgraph?: SubgraphName }): CsvFormat {
  const firstDay = definition.firstDay ?? firstDayProperty(definition.entity);
  return {
    ...definition,
    subgraph: definition.subgraph ?? subgraphStoring(definition.entity),
    ...(firstDay === undefined ? {} : { firstDay }),
  };
}

/** Name and country of an organisation (a partner, a customer) as the mutation stores them (kit/writes/write-helpers.ts: name trimmed, country in capitals). */
const STORED_ORGANISATION: CsvFormat['stored'] = {
  name: async (row) => String(row.name).trim(),
  country: async (row) => String(row.country).toUpperCase(),
};

export const PARTNERS_CSV = csvFormat({
  file: 'partners.csv',
  summary: 'The partner directory.',
  ...recordsOf(Partner, {
    id: 'the partner id other files refer to',
    name: 'unique name, 1 to 200 characters',
    country: 'ISO 3166-1 alpha-2 code, e.g. IT',
    region: 'sales region',
    category: 'kind of provider',
    website: 'http(s) address',
  }),
  stored: STORED_ORGANISATION,
});

export const LICENCES_CSV = csvFormat({
  file: 'licences.csv',
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
});

/** The order a membership goes through its statuses, as errors and the README list them. */
const MEMBERSHIP_STATUSES = [
  MembershipStatus.INVITED,
  MembershipStatus.ACTIVE,
  MembershipStatus.NOT_INVITED,
  MembershipStatus.TERMINATED,
  MembershipStatus.DECLINED,
];

export const MEMBERSHIPS_CSV = csvFormat({
  file: 'memberships.csv',
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
      programCode: { type: { kind: 'enum', values: Object.values(ProgramCode) }, required: true },
      status: { type: { kind: 'enum', values: MEMBERSHIP_STATUSES } },
    },
  ),
  storedAs: { programCode: 'programId' },
  exported: async (manager) => {
    const codes = new Map((await manager.find(Program)).map((program) => [program.id, program.code]));
    return (stored) => ({ programCode: codes.get(stored.programId as string) ?? null });
  },
  stored: {
    programCode: async (row, session) =>
      (await session.store('programs').manager.findOneBy(Program, { code: row.programCode as ProgramCode }))?.id ?? null,
  },
});

export const AGREEMENTS_CSV = csvFormat({
  file: 'agreements.csv',
  summary: 'White-label agreements between a PRIMARY and a partner that is not one.',
  ...recordsOf(WhiteLabelAgreement, {
    id: 'the agreement id allocations refer to',
    primaryId: 'the PRIMARY reselling',
    secondaryId: 'the partner buying from it',
    signedOn: 'day signed',
    endsOn: 'planned end (ACTIVE, EXPIRED) or the day it was terminated (TERMINATED)',
    status: 'where the agreement stands',
  }),
});

export const ALLOCATIONS_CSV = csvFormat({
  file: 'allocations.csv',
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
});

export const CUSTOMERS_CSV = csvFormat({
  file: 'customers.csv',
  summary: 'End customers.',
  ...recordsOf(EndCustomer, {
    id: 'the customer id contracts refer to',
    name: '1 to 200 characters',
    country: 'ISO 3166-1 alpha-2 code',
    industry: 'industry',
    sovereignCloudRequired: 'true or false',
  }),
  stored: STORED_ORGANISATION,
});

export const CONTRACTS_CSV = csvFormat({
  file: 'contracts.csv',
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
});

export const MIGRATIONS_CSV = csvFormat({
  file: 'migrations.csv',
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
  // A migration is not in force over days (no FirstDayColumn): it happened on the day decided.
  firstDay: 'decidedOn',
});

/** A subgraph's audit trail, as the export writes it (every store holds an audit trail: the file names whose). */
function auditTrailFormat(subgraph: SubgraphName): CsvFormat {
  return csvFormat({
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
    // An event is a moment, not a record in force over days (no FirstDayColumn): the trail in the order it happened.
    firstDay: 'occurredAt',
  });
}

/** The audit trail files, one per subgraph. */
export const AUDIT_TRAIL_FORMATS: readonly CsvFormat[] = SUBGRAPH_NAMES.map(auditTrailFormat);

/** Every file, in the order the import opens their rows (a record's references come before it) and the export lists them. */
export const CSV_FORMATS: readonly CsvFormat[] = [
  PARTNERS_CSV,
  LICENCES_CSV,
  MEMBERSHIPS_CSV,
  AGREEMENTS_CSV,
  ALLOCATIONS_CSV,
  CUSTOMERS_CSV,
  CONTRACTS_CSV,
  MIGRATIONS_CSV,
  ...AUDIT_TRAIL_FORMATS,
];
