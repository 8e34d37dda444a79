import mysql from 'mysql2/promise';
import type { StoreConfig } from '../common/config';
import { today } from '../common/dates';
import { ChannelStatus } from '../subgraphs/kit/channel-status';
import { encodeCursor } from '../subgraphs/kit/connection';

type BenchStore = Extract<StoreConfig, { kind: 'mysql' }>;
type Databases = Record<'partners' | 'programs' | 'licences' | 'customers', string>;

/** A mysql2 pool on the benchmark's server, as many connections as the load has (dates as strings, as the subgraphs read them). */
function openPool(store: BenchStore, connections: number): mysql.Pool {
  return mysql.createPool({
    host: store.host,
    port: store.port,
    user: store.user,
    password: store.password,
    connectionLimit: connections,
    dateStrings: true,
  });
}

function databasesOf(store: BenchStore): Databases {
  const p = store.databasePrefix;
  return { partners: `${p}partners`, programs: `${p}programs`, licences: `${p}licences`, customers: `${p}customers` };
}

type Row = Record<string, unknown>;

/** One row of the agreements statement (mysql2 types rows loosely: the columns it selects, named). */
interface AgreementRow extends mysql.RowDataPacket {
  id: string;
  signedOn: string;
  primaryId: string;
  primaryName: string;
  primaryCountry: string;
  primaryCores: string | number;
  threshold: number | null;
  primaryStatus: string;
  secondaryId: string;
  secondaryName: string;
  secondaryCountry: string;
  secondaryCategory: string;
  secondaryStatus: string;
  total: string | number;
}

/** One row of the allocations statement: an allocation, with one of its contracts (or none). */
interface AllocationRow extends mysql.RowDataPacket {
  id: string;
  agreementId: string;
  cores: number;
  licenceId: string;
  product: string;
  licenceCores: number;
  holderId: string;
  holderName: string;
  contractId: string | null;
  coresInUse: number | null;
  customerId: string | null;
  customerName: string | null;
  customerCountry: string | null;
  industry: string | null;
}

/**
 * The floor for the headline operation (WhoResellsWhatToWhom): the same answer written by hand
 * as two SQL statements across the four MySQL databases, in one process, with no GraphQL at all.
 */
export class HeadlineFloor {
  private constructor(
    private readonly pool: mysql.Pool,
    private readonly db: Databases,
  ) {}

  static open(store: BenchStore, connections: number): HeadlineFloor {
    return new HeadlineFloor(openPool(store, connections), databasesOf(store));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** `whiteLabelAgreements(filter: { status: ACTIVE }, first)` with everything the headline selects. */
  async answer(first: number): Promise<unknown> {
    const { partners, programs, licences, customers } = this.db;
    const status = (partnerId: string) => `(SELECT CASE
        WHEN SUM(p.code = 'ADVANTAGE' AND m.status = 'ACTIVE') > 0 THEN 'PRIMARY'
        WHEN SUM(p.code = 'WHITE_LABEL' AND m.role = 'SECONDARY' AND m.status = 'ACTIVE') > 0 THEN 'SECONDARY'
        WHEN SUM(p.code IN ('VCSP', 'VCPP') AND m.status = 'ACTIVE') > 0 THEN 'LEGACY_MEMBER'
        WHEN SUM(p.code IN ('VCSP', 'VCPP')) > 0 THEN 'EXCLUDED'
        ELSE 'NOT_ENROLLED' END
      FROM ${programs}.program_memberships m JOIN ${programs}.programs p ON p.id = m.program_id WHERE m.partner_id = ${partnerId})`;
    const [page] = await this.pool.query<AgreementRow[]>(
      `SELECT a.id, a.signed_on AS signedOn,
         pp.id AS primaryId, pp.name AS primaryName, pp.country AS primaryCountry,
         (SELECT COALESCE(SUM(l.cores), 0) FROM ${licences}.licences l WHERE l.holder_id = a.primary_id AND l.status = 'ACTIVE') AS primaryCores,
         (SELECT min_licensed_cores FROM ${programs}.programs WHERE code = 'ADVANTAGE') AS threshold,
         ${status('a.primary_id')} AS primaryStatus,
         ps.id AS secondaryId, ps.name AS secondaryName, ps.country AS secondaryCountry, ps.category AS secondaryCategory,
         ${status('a.secondary_id')} AS secondaryStatus,
         (SELECT COUNT(*) FROM ${licences}.white_label_agreements WHERE status = 'ACTIVE') AS total
       FROM ${licences}.white_label_agreements a
       JOIN ${partners}.partners pp ON pp.id = a.primary_id
       JOIN ${partners}.partners ps ON ps.id = a.secondary_id
       WHERE a.status = 'ACTIVE' ORDER BY a.id LIMIT ?`,
      [first + 1],
    );
    const rows = page.slice(0, first);
    const ids = rows.map((row) => row.id);
    const [allocations] = ids.length
      ? await this.pool.query<AllocationRow[]>(
          `SELECT al.id, al.agreement_id AS agreementId, al.cores, l.id AS licenceId, l.product, l.cores AS licenceCores, h.id AS holderId, h.name AS holderName,
             c.id AS contractId, c.cores_in_use AS coresInUse, cu.id AS customerId, cu.name AS customerName, cu.country AS customerCountry, cu.industry
           FROM ${licences}.licence_allocations al
           JOIN ${licences}.licences l ON l.id = al.licence_id
           JOIN ${partners}.partners h ON h.id = l.holder_id
           LEFT JOIN ${customers}.service_contracts c ON c.allocation_id = al.id
           LEFT JOIN ${customers}.end_customers cu ON cu.id = c.customer_id
           WHERE al.agreement_id IN (?)
           ORDER BY al.starts_on, al.id, c.starts_on, c.id`,
          [ids],
        )
      : [[] as AllocationRow[]];
    const byAgreement = new Map<string, Row[]>();
    const byId = new Map<string, Row & { contracts: Row[] }>();
    for (const row of allocations) {
      let allocation = byId.get(row.id);
      if (!allocation) {
        allocation = {
          id: row.id,
          cores: row.cores,
          licence: { id: row.licenceId, product: row.product, cores: row.licenceCores, holder: { id: row.holderId, name: row.holderName } },
          contracts: [],
        };
        byId.set(row.id, allocation);
        byAgreement.set(row.agreementId, [...(byAgreement.get(row.agreementId) ?? []), allocation]);
      }
      if (row.contractId)
        allocation.contracts.push({
          id: row.contractId,
          coresInUse: row.coresInUse,
          customer: { id: row.customerId, name: row.customerName, country: row.customerCountry, industry: row.industry },
        });
    }
    const lastRow = rows.at(-1);
    return {
      whiteLabelAgreements: {
        totalCount: Number(rows[0]?.total ?? 0),
        pageInfo: { hasNextPage: page.length > first, endCursor: lastRow ? encodeCursor([lastRow.id]) : null },
        edges: rows.map((row) => ({
          node: {
            id: row.id,
            signedOn: row.signedOn,
            primary: {
              id: row.primaryId,
              name: row.primaryName,
              country: row.primaryCountry,
              licensedCores: Number(row.primaryCores),
              meetsAdvantageThreshold: row.threshold !== null && Number(row.primaryCores) >= Number(row.threshold),
              channelStatus: row.primaryStatus,
            },
            secondary: {
              id: row.secondaryId,
              name: row.secondaryName,
              country: row.secondaryCountry,
              category: row.secondaryCategory,
              channelStatus: row.secondaryStatus,
            },
            allocations: byAgreement.get(row.id) ?? [],
          },
        })),
      },
    };
  }
}

/** Counts as MySQL returns them (COUNT/SUM may come back as strings or null). */
const count = (value: unknown) => Number(value ?? 0);

/**
 * The floor for `ChannelOverview` (the dashboard's landing page): every figure it selects, written
 * by hand as six SQL statements across the four MySQL databases (five at once, then the customers by
 * their provider's status once the statuses are read), from one process, with
 * no GraphQL at all. The rules are the subgraphs' (a record is in force on D when it started on or
 * before D and ends on or after D, or never; the channel-status rule of the programs subgraph).
 */
export class OverviewFloor {
  private constructor(
    private readonly pool: mysql.Pool,
    private readonly db: Databases,
  ) {}

  static open(store: BenchStore, connections: number): OverviewFloor {
    return new OverviewFloor(openPool(store, connections), databasesOf(store));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async answer(): Promise<unknown> {
    const { partners, programs, licences, customers } = this.db;
    const day = today();
    const inForce = (starts: string, ends: string) => `(${starts} <= '${day}' AND (${ends} IS NULL OR ${ends} >= '${day}'))`;
    const member = `(m.status IN ('ACTIVE', 'TERMINATED') AND ${inForce('m.started_on', 'm.ended_on')})`;
    const legacy = `p.code IN ('VCSP', 'VCPP')`;
    const classified = `(SELECT m.partner_id, CASE
        WHEN SUM(p.code = 'ADVANTAGE' AND ${member}) > 0 THEN 'PRIMARY'
        WHEN SUM(p.code = 'WHITE_LABEL' AND m.role = 'SECONDARY' AND ${member}) > 0 THEN 'SECONDARY'
        WHEN SUM(${legacy} AND ${member}) > 0 THEN 'LEGACY_MEMBER'
        WHEN SUM(${legacy} AND m.status IN ('ACTIVE', 'TERMINATED') AND m.started_on <= '${day}') > 0 THEN 'EXCLUDED'
        ELSE 'NOT_ENROLLED' END AS channel_status
      FROM ${programs}.program_memberships m JOIN ${programs}.programs p ON p.id = m.program_id GROUP BY m.partner_id)`;
    type Rows = Array<mysql.RowDataPacket & Record<string, string | number | null>>;
    const query = async (sql: string) => (await this.pool.query<Rows>(sql))[0];
    // Customers by their provider's status: the partners' statuses first (across databases a join on the
    // derived table is twice as slow: MariaDB groups 134,000 contracts through it), then one pass over
    // the contracts in force with the providers of each status listed.
    const byProviderStatus = async (classifiedRows: Rows) => {
      const groups = new Map<string, string[]>();
      for (const row of classifiedRows) {
        const ids = groups.get(String(row.channel_status)) ?? [];
        ids.push(String(row.partner_id));
        groups.set(String(row.channel_status), ids);
      }
      const cases = [...groups]
        .filter(([status]) => status !== String(ChannelStatus.NOT_ENROLLED))
        .map(([status, ids]) => `WHEN provider_id IN (${ids.map((id) => this.pool.escape(id)).join(', ')}) THEN '${status}'`)
        .join(' ');
      return query(`SELECT provider_status, COUNT(DISTINCT customer_id) AS customers, SUM(cores_in_use) AS cores FROM (
          SELECT ${cases ? `CASE ${cases} ELSE 'NOT_ENROLLED' END` : "'NOT_ENROLLED'"} AS provider_status, customer_id, cores_in_use
          FROM ${customers}.service_contracts WHERE ${inForce('starts_on', 'ends_on')}) grouped GROUP BY provider_status`);
    };
    const [directory, [classifiedRows, byProvider], products, totals, migrations] = await Promise.all([
      query(`SELECT 'category' AS kind, category AS value, COUNT(*) AS n FROM ${partners}.partners GROUP BY category
        UNION ALL SELECT 'region', region, COUNT(*) FROM ${partners}.partners GROUP BY region ORDER BY kind, value`),
      query(`SELECT partner_id, channel_status FROM ${classified} classified`).then(
        async (rows) => [rows, await byProviderStatus(rows)] as const,
      ),
      query(
        `SELECT product, SUM(cores) AS cores FROM ${licences}.licences WHERE ${inForce('starts_on', 'ends_on')} GROUP BY product ORDER BY product`,
      ),
      query(`SELECT
        (SELECT SUM(cores) FROM ${licences}.licence_allocations WHERE ${inForce('starts_on', 'ends_on')}) AS allocated,
        (SELECT COUNT(*) FROM ${licences}.white_label_agreements WHERE ${inForce('signed_on', 'ends_on')}) AS agreements,
        (SELECT COUNT(*) FROM ${customers}.end_customers) AS customers`),
      query(`SELECT 'reason' AS kind, reason AS value, COUNT(*) AS n FROM ${customers}.customer_migrations GROUP BY reason
        UNION ALL SELECT 'destination', destination, COUNT(*) FROM (
          SELECT CASE WHEN to_provider_id IS NOT NULL THEN 'VMware provider' ELSE alternative_vendor END AS destination
          FROM ${customers}.customer_migrations WHERE status <> 'CANCELLED') d GROUP BY destination ORDER BY kind, value`),
    ]);
    const counted = (rows: Rows, kind: string, key: string, name: string) =>
      rows.filter((row) => row.kind === kind).map((row) => ({ [key]: String(row.value), [name]: count(row.n) }));
    const partnerCount = counted(directory, 'category', 'category', 'partners').reduce((sum, row) => sum + Number(row.partners), 0);
    const perStatus = new Map<string, number>();
    for (const row of classifiedRows) perStatus.set(String(row.channel_status), (perStatus.get(String(row.channel_status)) ?? 0) + 1);
    const classifiedCount = [...perStatus.values()].reduce((sum, n) => sum + n, 0);
    const providers = new Map(byProvider.map((row) => [row.provider_status, row]));
    const [total] = totals;
    return {
      channelOverview: {
        partnerCount,
        partnersByCategory: counted(directory, 'category', 'category', 'partners'),
        partnersByRegion: counted(directory, 'region', 'region', 'partners'),
        partnersByChannelStatus: Object.values(ChannelStatus).map((status) => ({
          status,
          partners:
            (perStatus.get(status) ?? 0) + (status === ChannelStatus.NOT_ENROLLED ? Math.max(0, partnerCount - classifiedCount) : 0),
        })),
        licensedCores: products.reduce((sum, row) => sum + count(row.cores), 0),
        licensedCoresByProduct: products.map((row) => ({ product: String(row.product), cores: count(row.cores) })),
        allocatedCores: count(total?.allocated),
        activeAgreements: count(total?.agreements),
        customerCount: count(total?.customers),
        customersByProviderStatus: Object.values(ChannelStatus).map((status) => ({
          providerStatus: status,
          customers: count(providers.get(status)?.customers),
          coresInUse: count(providers.get(status)?.cores),
        })),
        migrationsByReason: counted(migrations, 'reason', 'reason', 'migrations'),
        migrationsByDestination: counted(migrations, 'destination', 'destination', 'migrations'),
      },
    };
  }
}
