import { migratedTestDatabase, storeLabel } from '../../tests/kit/store';
import { Partner, PartnerCategory, Region } from '../partners/partner/partner.entity';
import { partnersSubgraph } from '../partners/subgraph';
import { createLogger } from '../../common/logger';
import { ServiceMetrics } from '../../common/metrics';
import { SubgraphDatabase } from './database';
import { captureStatements, observeStatements, type Statement } from './statements';

describe(`every SQL statement passes one hook, once (${storeLabel()})`, () => {
  const dataSource = migratedTestDatabase(partnersSubgraph.store);

  it('observes each statement exactly once however often a query runner is handed out', async () => {
    const partner: Partner = {
      id: 'ptn-hook',
      name: 'Hook Cloud',
      country: 'IT',
      region: Region.EMEA,
      category: PartnerCategory.REGIONAL_CLOUD,
      website: null,
    };
    const { statements } = await captureStatements({ partners: dataSource() }, async () => {
      await dataSource().getRepository(Partner).insert(partner);
      // SQLite's driver hands out the same query runner every time: 50 reads must still be 50 statements.
      for (let i = 0; i < 50; i++) await dataSource().query('SELECT COUNT(*) AS n FROM partners');
      await dataSource().getRepository(Partner).findOneByOrFail({ id: partner.id });
    });
    const selects = statements.filter((s) => s.sql.startsWith('SELECT COUNT(*) AS n FROM partners'));
    expect(selects).toHaveLength(50);
    expect(selects.every((s) => s.kind === 'select' && s.outcome === 'ok' && s.subgraph === 'partners' && s.seconds >= 0)).toBe(true);
    expect(statements.filter((s) => s.kind === 'insert')).toHaveLength(1);
  });

  it('reports a failed statement with its error, and stops observing when asked', async () => {
    const seen: Statement[] = [];
    const stop = observeStatements(dataSource(), (statement) => seen.push(statement));
    await expect(dataSource().query('SELECT no_such_column FROM partners')).rejects.toThrow();
    stop();
    await dataSource().query('SELECT 1');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'select', outcome: 'error' });
    expect(seen[0]?.error).toBeInstanceOf(Error);
  });

  it("counts each statement once in the subgraph's db_query_duration_seconds (it counted 1 + 2 + … + n on SQLite)", async () => {
    const metrics = new ServiceMetrics('partners');
    const database = SubgraphDatabase.adopt(dataSource(), { logger: createLogger('partners', 'silent'), metrics, statementTimeoutMs: 0 });
    await database.ready;
    for (let i = 0; i < 20; i++) await dataSource().query('SELECT 1');
    await database.close();
    await dataSource().query('SELECT 1');
    const text = await metrics.registry.getSingleMetricAsString('db_query_duration_seconds');
    expect(text).toMatch(/^db_query_duration_seconds_count\{[^}]*statement="select",outcome="ok"\} 20$/m);
  });

  it('keeps observers of other data sources apart', async () => {
    const { statements } = await captureStatements({}, () => dataSource().query('SELECT 1'));
    expect(statements).toEqual([]);
  });
});
