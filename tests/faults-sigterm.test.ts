import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../common/config';
import { issueToken, type Identity } from '../common/identity';
import { openDataSource } from '../subgraphs/kit/data-source';
import { partnersSubgraph } from '../subgraphs/partners/subgraph';
import { observe, startBuiltStack, startLoad, waitFor, type Observation } from './kit/faults';
import { dropTestStore, storeLabel } from './kit/store';

const VENDOR: Identity = { subject: 'sigterm-test-vendor', role: 'VENDOR', partnerId: null };
const CREATE =
  'mutation Create($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id name } errors { code message } } }';

/** What a createPartner answers. */
type Created = { createPartner?: { partner: { id: string } | null } };
const acknowledged = (o: Observation<Created>) => o.status === 200 && !o.errors && typeof o.data?.createPartner?.partner?.id === 'string';
/** A request the stopping service did not take: refused or cut at the socket, or a 503 / SERVICE_UNAVAILABLE answer. */
const cleanlyRefused = (o: Observation) =>
  o.status === null ||
  o.status === 503 ||
  (o.status === 200 && (o.errors ?? []).length > 0 && o.errors!.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE'));

/**
 * The whole stack as a separate process (`node dist/stack/main.js`, as `npm start` runs it; CI builds
 * dist/ before the tests), stopped with SIGTERM in the middle of a burst of mutations.
 */
describe(`faults: SIGTERM during a burst of mutations (${storeLabel()})`, () => {
  const unique = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    SEED_ON_START: 'none',
    SHUTDOWN_GRACE_MS: '10000',
    SQLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'channel-graph-sigterm-')),
    MYSQL_DATABASE_PREFIX: `cgtest_sig_${unique}_`,
  };
  const config = () => loadConfig(env);
  afterAll(async () => {
    await dropTestStore(config().store);
  });

  it('finishes in-flight mutations, refuses the rest cleanly, exits 0, and every acknowledged mutation is stored', async () => {
    const { child, base, output, exited } = await startBuiltStack(env);
    try {
      const c = config();
      const bearer = {
        authorization: `Bearer ${await issueToken(VENDOR, { secret: c.auth.jwtSecret ?? DEVELOPMENT_JWT_SECRET, issuer: c.auth.issuer, audience: c.auth.audience, expiresIn: '1h' })}`,
      };
      let sent = 0;
      const load = startLoad(
        16,
        () => {
          sent += 1;
          return observe<Created>(
            `${base}/graphql`,
            CREATE,
            { input: { name: `Sigterm Partner ${sent} ${unique}`, country: 'DE', region: 'EMEA', category: 'MANAGED_SERVICE_PROVIDER' } },
            bearer,
          );
        },
        0,
      );
      let signalledAt = 0;
      try {
        await waitFor('a burst of acknowledged mutations', () => load.observations.filter(acknowledged).length >= 60, 30_000, 20);
        signalledAt = Date.now();
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const exit = await Promise.race([exited, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 20_000)))]);
        clearTimeout(timer);
        expect(exit).not.toBeNull();
        expect(exit).toMatchObject({ code: 0, signal: null });
      } finally {
        await load.stop();
      }

      const all = load.observations;
      // Mutations in flight when the signal came were finished, not cut.
      expect(all.filter((o) => o.at < signalledAt && o.at + o.ms > signalledAt && acknowledged(o)).length).toBeGreaterThan(0);
      // Everything else was refused cleanly: no internal errors, no half answers.
      expect(all.filter((o) => !acknowledged(o) && !cleanlyRefused(o))).toEqual([]);
      // The burst ran into the shutdown: later requests were refused.
      expect(all.filter((o) => o.at > signalledAt && !acknowledged(o)).length).toBeGreaterThan(0);
      console.log(
        `SIGTERM burst: ${all.filter(acknowledged).length} acknowledged (${all.filter((o) => o.at < signalledAt && o.at + o.ms > signalledAt && acknowledged(o)).length} of them in flight at the signal), ` +
          `${all.filter((o) => o.status === null).length} refused at the socket, ${all.filter((o) => o.status !== null && !acknowledged(o)).length} answered 503/SERVICE_UNAVAILABLE`,
      );
      expect(output()).toMatch(/shutting down: finishing in-flight requests/);
      expect(output()).toMatch(/"msg":"stopped"/);

      // Every acknowledged mutation is in the database.
      const ids = all.filter(acknowledged).map((o) => o.data!.createPartner!.partner!.id);
      const dataSource = await openDataSource(c.store, partnersSubgraph.store, { runMigrations: false });
      try {
        const stored = await dataSource.query<Array<{ id: string }>>(`SELECT id FROM partners WHERE name LIKE ?`, [
          `Sigterm Partner % ${unique}`,
        ]);
        const storedIds = new Set(stored.map((row) => row.id));
        expect(ids.filter((id) => !storedIds.has(id))).toEqual([]);
        expect(storedIds.size).toBeGreaterThanOrEqual(ids.length);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });
});
