import 'reflect-metadata';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { Identity } from '../../../common/identity';
import { EndCustomer } from '../customer/customer.entity';
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
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [ServiceContract, EndCustomer],
      synchronize: true,
    });
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
        // The restriction itself: none for the whole channel, the partner's own for a secondary, its grants for a primary.
        expect(restriction).toEqual(whole ? null : { providerId: partnerId, allocationIds: role === 'PRIMARY' ? granted : [] });
        // Without allocations the SQL forms say only "its own provider" (an empty IN () is not valid SQL on MySQL).
        if (restriction && restriction.allocationIds.length === 0) {
          expect(raw).toEqual({ sql: ' AND provider_id = ?', params: [partnerId] });
          expect(inScope('contract', restriction).sql).toBe('(contract.provider_id = :scopeProvider)');
        }
        // A write's customer: one with a contract in scope (any, for the whole channel); otherwise, and for an unknown id, null.
        await dataSource.getRepository(EndCustomer).clear();
        const customers = [...new Set(stored.map((c) => c.customerId)), 'cus-without-contracts'];
        await dataSource
          .getRepository(EndCustomer)
          .insert(customers.map((id) => ({ id, name: id, country: 'IT', industry: 'RETAIL', sovereignCloudRequired: false })));
        for (const id of [...customers, 'cus-unknown']) {
          const seen =
            id !== 'cus-unknown' && (whole || expected.some((contractId) => stored.find((c) => c.id === contractId)!.customerId === id));
          expect({ id, found: (await scope.customerInScope(dataSource.manager, id))?.id ?? null }).toEqual({ id, found: seen ? id : null });
        }
        // The allocations granted are asked of the licences subgraph once per request, and only for a primary.
        await scope.restriction();
        expect(asked).toBe(role === 'PRIMARY' ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  });
});
