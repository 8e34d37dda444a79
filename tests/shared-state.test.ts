import { Registry } from 'prom-client';
import { API_KEY_HEADER } from '../common/api-key';
import type { AppConfig } from '../common/config';
import type { RunningService } from '../common/http';
import type { Identity } from '../common/identity';
import { createLogger } from '../common/logger';
import { Random } from '../demo/prng';
import { startGateway } from '../gateway/gateway';
import { MemoryBucketStore, SharedBucketStore, type Budget, type RateLimitSettings } from '../gateway/rate-limit';
import { RESPONSE_CACHE_HEADER } from '../gateway/response-cache';
import { SharedState } from '../gateway/shared-state';
import { runApiKeyCommand } from '../scripts/api-key';
import { observe, startLoad, waitFor } from './kit/faults';
import { captureLogs } from './kit/logs';
import { PrivateRedis } from './kit/private-redis';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { describeWith } from './kit/system-programs';

const silent = createLogger('test', 'silent');
// Generous: on a busy two-core machine an event loop can stall for hundreds of milliseconds, and a
// command that times out (rightly) turns the gateway degraded, which these tests must not mistake for sharing.
const REDIS_TIMEOUT_MS = 2_000;
const redisConfig = (redis: PrivateRedis, keyPrefix = 'cg-test:') => ({ url: redis.url, keyPrefix, timeoutMs: REDIS_TIMEOUT_MS });

describeWith('redis-server')('rate-limit buckets on Redis (a private redis-server)', () => {
  let redis: PrivateRedis;
  let shared: SharedState;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    shared = await SharedState.connect(redisConfig(redis), silent, new Registry());
    await waitFor('the connection to Redis', () => shared.shared, 10_000, 50);
  });
  afterAll(async () => {
    await shared?.close();
    await redis?.destroy();
  });

  it('decide exactly as the memory buckets do, on generated callers, costs, settings and clocks (even running backwards)', async () => {
    expect(shared.shared).toBe(true);
    const random = new Random(1818);
    let cases = 0;
    let refusals = 0;
    for (let sequence = 0; sequence < 40; sequence++) {
      const settings: RateLimitSettings = { burst: random.int(10, 2_000), refillPerSecond: random.int(1, 300) };
      const memory = new MemoryBucketStore();
      const onRedis = new SharedBucketStore(shared, new MemoryBucketStore());
      let now = 1_700_000_000_000 + random.int(0, 1e9);
      for (let step = 0; step < 40; step++) {
        // Clocks of several gateways: mostly forward, sometimes a little behind.
        now += random.chance(0.15) ? -random.int(1, 200) : random.int(0, 3_000);
        const caller = `caller-${sequence}-${random.int(0, 2)}`;
        const cost = random.chance(0.1) ? settings.burst + random.int(1, 50) : random.int(1, Math.ceil(settings.burst / 3));
        const expected: Budget = await memory.take(caller, cost, settings, now);
        const actual: Budget = await onRedis.take(caller, cost, settings, now);
        expect({ sequence, step, actual }).toEqual({ sequence, step, actual: expected });
        cases += 1;
        if (!expected.allowed) refusals += 1;
      }
    }
    console.log(`Redis buckets against memory buckets: ${cases} generated takes, ${refusals} refused, all decided alike`);
    expect(refusals).toBeGreaterThan(cases / 10);
    expect(shared.shared).toBe(true);
  });

  it('are taken from atomically: 2 connections × 100 concurrent takes allow exactly what the bucket holds', async () => {
    const other = await SharedState.connect(redisConfig(redis), silent, new Registry());
    try {
      await waitFor('the second connection to Redis', () => other.shared, 10_000, 50);
      const settings = { burst: 1_000, refillPerSecond: 1 };
      const stores = [new SharedBucketStore(shared), new SharedBucketStore(other)];
      const now = Date.now();
      const budgets = await Promise.all(Array.from({ length: 200 }, (_, i) => stores[i % 2]!.take('concurrent', 7, settings, now)));
      expect(budgets.filter((budget) => budget.allowed)).toHaveLength(Math.floor(1_000 / 7));
      expect(Math.min(...budgets.map((budget) => budget.remaining))).toBe(1_000 % 7);
    } finally {
      await other.close();
    }
  });
});

const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };
const analyst = (subject: string): Identity => ({ subject, role: 'ANALYST', partnerId: null });
// 1 + 50 × 4 = 201 cost points (demand control): a 6,000-point budget pays for 29 of them.
const HEADLINE = '{ whiteLabelAgreements(first: 50) { edges { node { id primary { name } secondary { name } } } } }';
const PARTNER_NAME = 'query PartnerName($id: ID!) { partner(id: $id) { id name } }';
const RENAME = 'mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { errors { code } } }';

/** What RENAME answers. */
type Renamed = { updatePartner: { errors: Array<{ code: string }> } };

interface Answer<TData = unknown> {
  status: number;
  cache: string | null;
  body: {
    data?: TData;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: { rateLimit?: { cost: number; limit: number } };
  };
}

describeWith('redis-server')(`two gateways on one Redis (${storeLabel()})`, () => {
  let stack: TestStack;
  let redis: PrivateRedis;
  let config: AppConfig;
  const gateways: Array<{ url: string; service: RunningService; logs: ReturnType<typeof captureLogs> }> = [];
  const urls = () => gateways.map((gateway) => gateway.url);
  /** The first (0) or second (1) gateway's /graphql, counting round. */
  const url = (i: number): string => gateways[i % gateways.length]!.url;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await startTestStack('demo', {
      // A small budget that barely refills, so a few headline requests empty it.
      MAX_QUERY_COST: '5000',
      RATE_LIMIT_BURST: '6000',
      RATE_LIMIT_PER_SECOND: '1',
      RESPONSE_CACHE_SECONDS: '600',
      // Far longer than any test here: a refusal within a second cannot come from expiry.
      API_KEY_CACHE_SECONDS: '3600',
    });
    config = { ...stack.config, redis: redisConfig(redis, `cg-${process.pid}:`) };
    const subgraphUrls = Object.fromEntries(
      Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]),
    );
    for (let i = 0; i < 2; i++) {
      const logs = captureLogs();
      const service = await startGateway(config, { port: 0, subgraphUrls, logger: createLogger('gateway', 'info', logs.stream) });
      gateways.push({ url: `http://127.0.0.1:${service.port}/graphql`, service, logs });
    }
    await waitFor('both gateways to share through Redis', allShared, 10_000, 50);
  });
  afterEach(async () => {
    // A test that failed half-way must not leave Redis down or frozen for the next one.
    redis.resume();
    if (!(await redis.answers())) await redis.start();
    await waitFor('both gateways to share through Redis', allShared, 10_000, 50);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.service.close();
    await stack?.stop();
    await redis?.destroy();
  });

  async function post<TData = unknown>(
    url: string,
    headers: Record<string, string>,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Answer<TData>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      cache: response.headers.get(RESPONSE_CACHE_HEADER),
      body: (await response.json()) as Answer<TData>['body'],
    };
  }
  const as = async <TData = unknown>(url: string, identity: Identity, query: string, variables: Record<string, unknown> = {}) =>
    post<TData>(url, await stack.authorization(identity), query, variables);

  /** Sends the headline as `identity` through `through` in turn until one answers 429: how many were answered, at what cost. */
  async function spendBudget(identity: Identity, through: string[]): Promise<{ answered: number; cost: number; limit: number }> {
    let answered = 0;
    let budget = { cost: 0, limit: 0 };
    for (let i = 0; answered <= 100; i++) {
      const answer = await as(through[i % through.length]!, identity, HEADLINE);
      if (answer.status === 429) return { answered, ...budget };
      expect(answer.body.errors).toBeUndefined();
      budget = answer.body.extensions!.rateLimit!;
      answered += 1;
    }
    throw new Error('the budget never ran out');
  }

  const readiness = async (url: string) =>
    (await (await fetch(url.replace('/graphql', '/ready'))).json()) as {
      ready: boolean;
      checks: { redis: { ok: boolean; degraded: boolean; detail: string } };
    };
  const sharedGauge = async (url: string) =>
    /^gateway_redis_shared\{[^}]*\} (\d)$/m.exec(await (await fetch(url.replace('/graphql', '/metrics'))).text())?.[1];
  const allShared = async () => (await Promise.all(urls().map(readiness))).every((report) => !report.checks.redis.degraded);
  const allDegraded = async () => (await Promise.all(urls().map(readiness))).every((report) => report.checks.redis.degraded);

  it('share one budget per caller: alternating gateways, a caller gets what one gateway alone gives', async () => {
    for (const url of urls()) {
      expect(await readiness(url)).toMatchObject({
        ready: true,
        checks: { redis: { ok: true, degraded: false, detail: expect.stringMatching(/^shared through redis:\/\/127\.0\.0\.1:/) } },
      });
      expect(await sharedGauge(url)).toBe('1');
    }
    const caller = analyst('global-budget');
    const { answered, cost, limit } = await spendBudget(caller, urls());
    expect(cost).toBeGreaterThan(100);
    expect(answered).toBeGreaterThanOrEqual(Math.floor(limit / cost));
    expect(answered).toBeLessThanOrEqual(Math.floor(limit / cost) + 1);
    for (const url of urls()) expect((await as(url, caller, HEADLINE)).status).toBe(429);
    expect((await as(url(1), analyst('someone-else'), HEADLINE)).status).toBe(200);
  });

  it('refuse an API key revoked with `npm run api-key -- revoke` within a second, on both gateways', async () => {
    const command = (...args: string[]) => runApiKeyCommand(args, config);
    const created = await command('create', '--role', 'ANALYST', '--name', 'revoked at once');
    const key = /cgk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}/.exec(created.output)!;
    const withKey = { authorization: '', [API_KEY_HEADER]: key[0] };
    for (const url of urls()) expect((await post(url, withKey, '{ programs { code } }')).status).toBe(200);

    const revoked = await command('revoke', '--id', key[1]!);
    const revokedAt = Date.now();
    expect(revoked.exitCode).toBe(0);
    expect(revoked.output).toContain('2 gateway(s) listening on Redis refuse it from now on');
    const statuses = async () => Promise.all(urls().map(async (url) => (await post(url, withKey, '{ programs { code } }')).status));
    await waitFor('both gateways to refuse the revoked key', async () => (await statuses()).every((status) => status === 401), 1_000, 20);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect(await statuses()).toEqual([401, 401]);
  });

  it('say so when a revocation cannot be announced (Redis unreachable for the command): then API_KEY_CACHE_SECONDS is the bound', async () => {
    const unreachable = { ...config, redis: { ...config.redis!, url: 'redis://127.0.0.1:1', timeoutMs: 200 } };
    const created = await runApiKeyCommand(['create', '--role', 'ANALYST', '--name', 'revoked quietly'], config);
    const key = /cgk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}/.exec(created.output)!;
    const withKey = { authorization: '', [API_KEY_HEADER]: key[0] };
    for (const url of urls()) expect((await post(url, withKey, '{ programs { code } }')).status).toBe(200);
    const revoked = await runApiKeyCommand(['revoke', '--id', key[1]!], unreachable);
    expect(revoked.exitCode).toBe(0);
    expect(revoked.output).toMatch(
      /^Revoked API key [0-9a-f]{16} \("revoked quietly"\)\. Redis could not be reached \(.+\): gateways refuse it within API_KEY_CACHE_SECONDS \(3600 s here\)\.$/,
    );
    // Not told, the gateways keep their cached answer: the key still works on both.
    for (const url of urls()) expect((await post(url, withKey, '{ programs { code } }')).status).toBe(200);
  });

  it('share cached answers, and a write through either gateway empties the other one’s', async () => {
    for (const [writer, reader] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const partner = stack.dataset.partners[10 + writer]!;
      const read = (gateway: number) => as(url(gateway), VENDOR, PARTNER_NAME, { id: partner.id });
      expect((await read(reader)).cache).toBe('miss');
      expect(await read(writer)).toMatchObject({ cache: 'hit', body: { data: { partner: { name: partner.name } } } });
      const renamed = `${partner.name} Shared`;
      const write = await as<Renamed>(url(writer), VENDOR, RENAME, { input: { id: partner.id, name: renamed } });
      expect(write.body.data?.updatePartner.errors).toEqual([]);
      expect(await read(reader)).toMatchObject({ cache: 'miss', body: { data: { partner: { name: renamed } } } });
      expect(await read(writer)).toMatchObject({ cache: 'hit', body: { data: { partner: { name: renamed } } } });
    }
  });

  it('serve no cached answer changed in Redis, nor one moved to another caller’s key', async () => {
    const partner = stack.dataset.partners[30]!;
    const read = (identity: Identity) => as(url(0), identity, PARTNER_NAME, { id: partner.id });
    const client = redis.client();
    const entries = async () => (await client.keys(`${config.redis!.keyPrefix}answers:*`)).filter((key) => !key.endsWith(':generation'));
    try {
      const before = new Set(await entries());
      expect((await read(VENDOR)).cache).toBe('miss');
      const vendorKey = (await entries()).find((key) => !before.has(key))!;
      const vendorEntry = (await client.get(vendorKey))!;
      expect(vendorEntry).toContain(partner.name);
      expect((await read(VENDOR)).cache).toBe('hit');

      await client.set(vendorKey, vendorEntry.replace(partner.name, 'Forged Name'), 'PX', 60_000);
      expect(await read(VENDOR)).toMatchObject({ cache: 'miss', body: { data: { partner: { name: partner.name } } } });

      const someone = analyst('moved-entry');
      const known = new Set(await entries());
      expect((await read(someone)).cache).toBe('miss');
      const analystKey = (await entries()).find((key) => !known.has(key))!;
      await client.set(analystKey, (await client.get(vendorKey))!, 'PX', 60_000);
      expect((await read(someone)).cache).toBe('miss');
      expect((await read(someone)).cache).toBe('hit');
    } finally {
      client.disconnect();
    }
  });

  it('keep answering when Redis stops under load (limits per gateway, said in log, /ready and metric), and share again when it is back', async () => {
    const loadHeaders = await Promise.all([0, 1, 2, 3].map((worker) => stack.authorization(analyst(`load-${worker}`))));
    const load = startLoad(
      4,
      (worker, i) =>
        observe<{ partner: { name: string } | null }>(
          url(worker + i),
          PARTNER_NAME,
          { id: stack.dataset.partners[(worker * 50 + i) % 200]!.id },
          loadHeaders[worker]!,
        ),
      5,
    );
    let stoppedAt!: number;
    let degradedAt!: number;
    try {
      await waitFor('answers while Redis is up', () => load.observations.length >= 12, 30_000, 20);
      stoppedAt = Date.now();
      await redis.stop();
      await waitFor('both gateways to say they are degraded', allDegraded, 5_000, 50);
      degradedAt = Date.now();
      await waitFor('answers while both gateways are degraded', () => load.since(degradedAt).length >= 12, 30_000, 20);
    } finally {
      await load.stop();
    }
    const failed = load.observations.filter((o) => o.status !== 200 || o.errors || !o.data?.partner);
    expect(failed).toEqual([]);
    console.log(
      `Redis stopped under load: ${load.observations.length} answers, ${load.since(stoppedAt).length} after the stop (${load.since(degradedAt).length} once both were degraded), none failed`,
    );

    for (const gateway of gateways) {
      const report = await readiness(gateway.url);
      expect(report).toMatchObject({
        ready: true,
        checks: {
          redis: {
            ok: true,
            degraded: true,
            detail: expect.stringMatching(/^degraded since .*: Redis at redis:\/\/127\.0\.0\.1:\d+ unavailable/),
          },
        },
      });
      expect(await sharedGauge(gateway.url)).toBe('0');
      expect(gateway.logs.lines).toContainEqual(
        expect.objectContaining({ level: 40, msg: expect.stringMatching(/^Redis lost: degraded since/) }),
      );
    }
    // Limits still hold, each gateway counting on its own: a caller gets a full budget from each.
    const apart = analyst('degraded-budget');
    const onFirst = await spendBudget(apart, [url(0)]);
    const onSecond = await spendBudget(apart, [url(1)]);
    expect(onFirst.answered).toBeGreaterThanOrEqual(Math.floor(onFirst.limit / onFirst.cost));
    expect(onSecond.answered).toBe(onFirst.answered);

    await redis.start();
    const back = await waitFor('both gateways to share again', allShared, 5_000, 50);
    console.log(`Redis back: both gateways sharing again within ${back} ms`);
    for (const gateway of gateways) {
      expect(await sharedGauge(gateway.url)).toBe('1');
      expect(gateway.logs.lines).toContainEqual(expect.objectContaining({ level: 30, msg: expect.stringMatching(/^Redis reachable/) }));
    }
    const together = analyst('shared-again');
    const spent = await spendBudget(together, urls());
    expect(spent.answered).toBeLessThanOrEqual(Math.floor(spent.limit / spent.cost) + 1);
    for (const url of urls()) expect((await as(url, together, HEADLINE)).status).toBe(429);
  });

  it('keep answering while Redis hangs, and void cached answers on return (writes made meanwhile were not shared)', async () => {
    const partner = stack.dataset.partners[20]!;
    const read = (gateway: number) => as(url(gateway), VENDOR, PARTNER_NAME, { id: partner.id });
    expect((await read(0)).cache).toBe('miss');
    expect((await read(1)).cache).toBe('hit');

    redis.pause();
    try {
      const started = Date.now();
      const during = await Promise.all([read(0), read(1), as(url(0), VENDOR, HEADLINE)]);
      expect(during.map((answer) => answer.status)).toEqual([200, 200, 200]);
      // Only what was in flight when Redis froze waited for the timeout; then each gateway answered from memory.
      expect(Date.now() - started).toBeLessThan(3 * REDIS_TIMEOUT_MS);
      await waitFor('both gateways to say they are degraded', allDegraded, 5_000, 50);
      const renamed = `${partner.name} Meanwhile`;
      expect(
        (await as<Renamed>(url(0), VENDOR, RENAME, { input: { id: partner.id, name: renamed } })).body.data?.updatePartner.errors,
      ).toEqual([]);
    } finally {
      redis.resume();
    }
    await waitFor('both gateways to share again', allShared, 5_000, 50);
    // Redis kept the entry stored before the hang; the gateways voided it on their return.
    expect(await read(1)).toMatchObject({ cache: 'miss', body: { data: { partner: { name: `${partner.name} Meanwhile` } } } });
  });
});
