import { classifyDatabaseError } from '../common/database-errors';
import { DEVELOPMENT_JWT_SECRET, type AppConfig } from '../common/config';
import type { RunningService } from '../common/http';
import { INTERNAL_IDENTITY_HEADER, issueToken, signInternalIdentity, type Identity } from '../common/identity';
import { startGateway } from '../gateway/gateway';
import { partnersSubgraph } from '../subgraphs/partners/subgraph';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph';
import { requestBody } from './kit/client';
import { observe, startLoad, waitFor, type Observation } from './kit/faults';
import { PrivateMariaDb } from './kit/private-mariadb';
import { testConfig } from './kit/store';
import { describeWith } from './kit/system-programs';

const VENDOR: Identity = { subject: 'fault-test-vendor', role: 'VENDOR', partnerId: null };
const READ = 'query Directory { partners(first: 3) { totalCount edges { node { id name } } } }';
const CREATE =
  'mutation Create($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id name } errors { code message } } }';

/** During a database outage an answer may only be a clean SERVICE_UNAVAILABLE, never an internal error or a broken exchange. */
function cleanFailure(o: Observation): boolean {
  return (
    o.status === 200 &&
    (o.errors?.length ?? 0) > 0 &&
    o.errors!.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE') &&
    !/ECONNREFUSED|127\.0\.0\.1|stacktrace/.test(o.text ?? '')
  );
}
/** What the load's reads and writes answer. */
type Answer = { partners?: { totalCount: number }; createPartner?: { partner: { id: string } | null } };
const readOk = (o: Observation<Answer>) => o.status === 200 && !o.errors && typeof o.data?.partners?.totalCount === 'number';
const writeAcknowledged = (o: Observation<Answer>) =>
  o.status === 200 && !o.errors && typeof o.data?.createPartner?.partner?.id === 'string';

/**
 * Database faults on a MariaDB server the test starts itself (own port, own data directory), whatever
 * CHANNEL_STORE says: the shared server is never stopped.
 */
describeWith('mariadbd')('faults: the database is late, then restarts under load (private MariaDB)', () => {
  let mariadb: PrivateMariaDb;
  let config: AppConfig;
  let partners: RunningSubgraph;
  let gateway: RunningService;
  let subgraphBase: string;
  let gatewayUrl: string;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    mariadb = await PrivateMariaDb.create();
    config = testConfig({
      CHANNEL_STORE: 'mysql',
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: String(mariadb.port),
      MYSQL_POOL_SIZE: '4',
      DB_STATEMENT_TIMEOUT_MS: '500',
    });
    bearer = {
      authorization: `Bearer ${await issueToken(VENDOR, { secret: config.auth.jwtSecret ?? DEVELOPMENT_JWT_SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresIn: '1h' })}`,
    };
  });
  afterAll(async () => {
    await gateway?.close();
    await partners?.close();
    await mariadb?.destroy();
  });

  it('a subgraph starts while its database is down: alive, not ready, clean 503s; ready once the database answers', async () => {
    // The database is not running yet: the subgraph starts anyway (it connects in the background).
    partners = await startSubgraph(partnersSubgraph, config, { port: 0 });
    subgraphBase = `http://127.0.0.1:${partners.port}`;
    const health = await fetch(`${subgraphBase}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${subgraphBase}/ready`);
    expect(ready.status).toBe(503);
    const readiness = (await ready.json()) as { ready: boolean; checks: { database: { ok: boolean; detail: string } } };
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database).toEqual({ ok: false, detail: expect.stringMatching(/^not connected yet \(attempt \d+/) });
    const internal = { [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(VENDOR, config.auth.internalSecret, requestBody(READ)) };
    const early = await observe<Answer>(`${subgraphBase}/graphql`, READ, {}, internal);
    expect(early.status).toBe(503);
    expect(early.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(early.errors?.[0]?.message).toBe('The partners subgraph is not connected to its database yet; try again shortly.');

    await mariadb.start();
    await waitFor('the subgraph to be ready', async () => (await fetch(`${subgraphBase}/ready`)).status === 200, 20_000, 200);
    await partners.databaseReady;
    const metrics = await (await fetch(`${subgraphBase}/metrics`)).text();
    expect(metrics).toMatch(/^db_connected\{service="partners"\} 1$/m);

    const others = 'http://127.0.0.1:1/graphql'; // only the partners subgraph is asked in these tests
    gateway = await startGateway(config, {
      port: 0,
      subgraphUrls: { partners: `${subgraphBase}/graphql`, programs: others, licences: others, customers: others },
    });
    gatewayUrl = `http://127.0.0.1:${gateway.port}/graphql`;
    expect(readOk(await observe<Answer>(gatewayUrl, READ, {}, bearer))).toBe(true);
  });

  it('statements longer than DB_STATEMENT_TIMEOUT_MS are stopped by MariaDB (max_statement_time)', async () => {
    const started = Date.now();
    const error = await partners.dataSource.query('SELECT SLEEP(3)').then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(classifyDatabaseError(error)).toBe('timeout');
  });

  it('survives a MariaDB restart under reads and writes: clean SERVICE_UNAVAILABLE during the outage, recovery after, no acknowledged write lost', async () => {
    let written = 0;
    const load = startLoad(
      5,
      (worker) => {
        if (worker < 3) return observe<Answer>(gatewayUrl, READ, {}, bearer);
        written += 1;
        const n = written;
        return observe<Answer>(
          gatewayUrl,
          CREATE,
          {
            input: {
              name: `Fault Test Partner ${n} ${Date.now()}`,
              country: 'IT',
              region: 'EMEA',
              category: 'REGIONAL_CLOUD',
              idempotencyKey: `fault-${n}-${Date.now()}`,
            },
          },
          bearer,
        );
      },
      20,
    );
    let outage: Array<Observation<Answer>>;
    try {
      // Counts of answers, not fixed durations: a busy machine answers more slowly, the test waits (bounded).
      await waitFor('answers before the outage', () => load.observations.length >= 8, 15_000, 20);
      const before = [...load.observations];
      expect(before.filter((o) => !readOk(o) && !writeAcknowledged(o))).toEqual([]);

      await mariadb.stop();
      const downAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await waitFor('answers during the outage', () => load.since(downAt).length >= 8, 15_000, 20);
      outage = load.since(downAt);
      expect(outage.filter((o) => !cleanFailure(o))).toEqual([]);
      expect(outage.some((o) => o.errors?.some((e) => e.extensions?.reason === 'DATABASE_UNAVAILABLE'))).toBe(true);
      expect((await fetch(`${subgraphBase}/ready`)).status).toBe(503);
      expect((await fetch(`${subgraphBase}/health`)).status).toBe(200);

      await mariadb.start();
      const upAt = Date.now();
      await waitFor(
        'reads and writes to succeed again',
        () => {
          const recent = load.since(upAt);
          return recent.some(readOk) && recent.some(writeAcknowledged);
        },
        20_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const settledAt = Date.now();
      await waitFor('answers after the restart', () => load.since(settledAt).length >= 8, 15_000, 20);
      const after = load.since(settledAt);
      expect(after.filter((o) => !readOk(o) && !writeAcknowledged(o))).toEqual([]);
      expect((await fetch(`${subgraphBase}/ready`)).status).toBe(200);
    } finally {
      await load.stop();
    }

    // Every write the gateway acknowledged is in the database.
    const acknowledged = load.observations.filter(writeAcknowledged).map((o) => o.data!.createPartner!.partner!.id);
    expect(acknowledged.length).toBeGreaterThan(5);
    const database = `${(config.store as { databasePrefix: string }).databasePrefix}partners`;
    const stored = await mariadb.query<{ id: string }>(`SELECT id FROM \`${database}\`.partners WHERE id IN (?)`, [acknowledged]);
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(acknowledged));

    // New pooled connections after the restart have the statement timeout too.
    const error = await partners.dataSource.query('SELECT SLEEP(3)').then(
      () => null,
      (e: unknown) => e,
    );
    expect(classifyDatabaseError(error)).toBe('timeout');
  });
});
