import 'reflect-metadata';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { Identity } from '../../../common/identity';
import type { LicencesClient } from '../peers/licences.client';
import { ContractStatus, ServiceContract } from './contract.entity';
import { ContractScope, inScope, restrictionSql } from './contract.scope';

/**
 * The contract scope in its three forms (ContractScope.visible in memory, restrictionSql for raw
 * SQL, inScope for the query builder) select the same contracts, on a real SQLite database, for
 * generated contracts and callers: a primary sees those it serves and those served with its cores.
 */

const PARTNERS = ['ptn-1', 'ptn-2', 'ptn-3'];
const ALLOCATIONS = ['alc-1', 'alc-2', 'alc-3', 'alc-4'];

const contracts = fc.uniqueArray(
  fc.record({
    providerId: fc.constantFrom(...PARTNERS),
    allocationId: fc.option(fc.constantFrom(...ALLOCATIONS), { nil: null }),
  }),
  { maxLength: 12, selector: (c) => `${c.providerId}/${c.allocationId}` },
);
const callers = fc.record({
  role: fc.constantFrom<Identity['role']>('VENDOR', 'ANALYST', 'PRIMARY', 'SECONDARY'),
  partnerId: fc.constantFrom(...PARTNERS),
  granted: fc.subarray(ALLOCATIONS),
});

describe('contract scope: in memory, as raw SQL and through the query builder alike', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [ServiceContract], synchronize: true });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('selects the same contracts in all three forms, and exactly those of the rule', async () => {
    await fc.assert(
      fc.asyncProperty(contracts, callers, async (rows, { role, partnerId, granted }) => {
        const stored: ServiceContract[] = rows.map((row, index) => ({
          id: `ctr-${index}`,
          customerId: `cus-${index}`,
          providerId: row.providerId,
          licenceId: row.allocationId ? null : 'lic-1',
          allocationId: row.allocationId,
          coresInUse: 1,
          startsOn: '2026-01-01',
          endsOn: null,
          status: ContractStatus.ACTIVE,
        }));
        await dataSource.getRepository(ServiceContract).clear();
        if (stored.length > 0) await dataSource.getRepository(ServiceContract).insert(stored);
        let asked = 0;
        const licences = {
          allocationIdsGrantedBy: async (id: string) => {
            asked += 1;
            expect(id).toBe(partnerId);
            return granted;
          },
        } as unknown as LicencesClient;
        const whole = role === 'VENDOR' || role === 'ANALYST';
        const scope = new ContractScope({ identity: { subject: 's', role, partnerId: whole ? null : partnerId } }, licences);

        const expected = stored
          .filter(
            (c) =>
              whole || c.providerId === partnerId || (role === 'PRIMARY' && c.allocationId !== null && granted.includes(c.allocationId)),
          )
          .map((c) => c.id)
          .sort();
        const inMemory = (await scope.visible(stored)).map((c) => c.id).sort();
        const restriction = await scope.restriction();
        const raw = restrictionSql(restriction);
        const bySql: Array<{ id: string }> = await dataSource.query(`SELECT id FROM service_contracts WHERE 1 = 1${raw.sql}`, raw.params);
        const query = dataSource.getRepository(ServiceContract).createQueryBuilder('contract').select('contract.id', 'id');
        if (restriction) {
          const condition = inScope('contract', restriction);
          query.where(condition.sql, condition.parameters);
        }
        const byBuilder = await query.getRawMany<{ id: string }>();

        expect(inMemory).toEqual(expected);
        expect(bySql.map((r) => r.id).sort()).toEqual(expected);
        expect(byBuilder.map((r) => r.id).sort()).toEqual(expected);
        expect(scope.readsEverything).toBe(whole);
        expect(restriction === null).toBe(whole);
        // The allocations granted are asked of the licences subgraph once per request, and only for a primary.
        await scope.restriction();
        expect(asked).toBe(role === 'PRIMARY' ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  });
});
