import mysql from 'mysql2/promise';
import type { StoreConfig } from '../common/config';
import { encodeCursor } from '../subgraphs/kit/connection';

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
    private readonly db: Record<'partners' | 'programs' | 'licences' | 'customers', string>,
  ) {}

  static open(store: Extract<StoreConfig, { kind: 'mysql' }>, connections: number): HeadlineFloor {
    const pool = mysql.createPool({
      host: store.host,
      port: store.port,
      user: store.user,
      password: store.password,
      connectionLimit: connections,
      dateStrings: true,
    });
    const p = store.databasePrefix;
    return new HeadlineFloor(pool, {
      partners: `${p}partners`,
      programs: `${p}programs`,
      licences: `${p}licences`,
      customers: `${p}customers`,
    });
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
