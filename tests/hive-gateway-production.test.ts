import { API_KEY_HEADER } from '../common/api-key';
import type { Identity, Role } from '../common/identity';
import { runApiKeyCommand } from '../scripts/api-key';
import { requestBody, operation } from './kit/client';
import { waitFor } from './kit/faults';
import { PrivateRedis } from './kit/private-redis';
import { startGatewayTier, startTestStack, type RunningGatewayTier, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

const HEADLINE = operation('WhoResellsWhatToWhom');

/**
 * The production configuration for Hive Gateway (gateway/hive-gateway.mjs) beside ours, on one
 * Redis, what the whole suites run on one tier at a time (CHANNEL_GATEWAY=hive|hive-router: scope,
 * hostile queries, persisted queries) cannot show: both planners starting from the environment,
 * credentials and writes answered alike side by side, one rate-limit budget and one API-key
 * revocation shared by every gateway of either tier.
 */
describe(`Hive Gateway in production keeps every protection of ours (${storeLabel()})`, () => {
  let stack: TestStack;
  let redis: PrivateRedis;
  /** Ours: the stack's own gateway, whatever CHANNEL_GATEWAY says. */
  let oursUrl: string;
  const hives: Array<{ label: string } & RunningGatewayTier> = [];
  const env = () => ({
    PERSISTED_QUERIES: 'enforce-partners',
    MAX_QUERY_COST: '50000',
    RATE_LIMIT_BURST: '60000',
    RATE_LIMIT_PER_SECOND: '1',
    API_KEY_CACHE_SECONDS: '3600',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `hive-${process.pid}:`,
  });
  const gateways = () => [{ label: 'ours', url: oursUrl }, ...hives];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await startTestStack('demo', env());
    oursUrl = `http://127.0.0.1:${stack.gateway.port}/graphql`;
    // Both Hive planners beside ours, on the stack's environment (the same Redis, manifest and limits).
    hives.push(
      ...(await Promise.all(
        (
          [
            ['Hive, JavaScript planner', 'hive'],
            ['Hive, Rust planner', 'hive-router'],
          ] as const
        ).map(async ([label, tier]) => ({ label, ...(await startGatewayTier(stack.env, stack.subgraphUrls, tier)) })),
      )),
    );
    for (const hive of hives) {
      await waitFor(
        `${hive.label} to be ready`,
        async () => (await fetch(hive.url.replace('/graphql', '/ready')).catch(() => null))?.status === 200,
        // Hive's runtime alone takes seconds to load, many more on a busy machine.
        120_000,
        200,
      );
    }
  }, 300_000);
  afterAll(async () => {
    await Promise.all(hives.map((hive) => hive.close()));
    await stack?.stop();
    await redis?.destroy();
  });

  const caller = (role: Role, subject: string): Identity => ({
    subject,
    role,
    partnerId: role === 'PRIMARY' ? primaryId() : role === 'SECONDARY' ? stack.dataset.agreements[0]!.secondaryId : null,
  });
  const primaryId = () => stack.dataset.agreements[0]!.primaryId;
  const send = async (url: string, headers: Record<string, string>, body: string): Promise<Answer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const as = async (identity: Identity) => stack.authorization(identity);
  /**
   * Hive's generic-auth leaves a refused non-null root field null (`{"createPartner": null}`) where
   * GraphQL, and our gateway, null the whole `data`: no data either way.
   */
  const noData = (data: Answer['body']['data']) => !data || Object.values(data).every((value) => value === null);
  /**
   * What a client can tell apart: the status, the data, and each error's code and path. List
   * positions in paths are left out: Hive puts a subgraph's error about one entity (another
   * partner's licensedCores) at the list's first item, ours at the item itself.
   */
  const outcome = ({ status, body }: Answer) => ({
    status,
    data: noData(body.data) ? null : body.data,
    errors:
      body.errors?.map((error) => ({
        code: error.extensions?.code,
        path: error.path?.map((key) => (typeof key === 'number' ? '@' : key)),
      })) ?? [],
  });
  /** The same request through every gateway: one outcome for all. */
  async function alike(headers: Record<string, string>, body: string) {
    const answers = await Promise.all(gateways().map(async ({ label, url }) => ({ label, answer: await send(url, headers, body) })));
    const [ours, ...theirs] = answers;
    for (const { label, answer } of theirs) expect({ label, ...outcome(answer) }).toEqual({ label, ...outcome(ours!.answer) });
    return ours!.answer;
  }

  it('credentials: none, a forged token, a partner not in the directory, an analyst token', async () => {
    expect((await alike({}, requestBody('{ programs { code } }'))).status).toBe(401);
    expect(outcome(await alike({ authorization: 'Bearer not.a.jwt' }, requestBody('{ programs { code } }'))).errors).toEqual([
      { code: 'UNAUTHENTICATED' },
    ]);
    // A partner token for a partner the directory does not hold.
    const ghost = await alike(
      await as({ subject: 'hive-ghost', role: 'PRIMARY', partnerId: 'ptn-999999' }),
      requestBody('{ programs { code } }'),
    );
    expect(outcome(ghost)).toEqual({ status: 401, data: null, errors: [{ code: 'UNAUTHENTICATED' }] });
    const analyst = await alike(await as(caller('ANALYST', 'hive-analyst')), requestBody(HEADLINE, { first: 10 }));
    expect(analyst.status).toBe(200);
    expect(analyst.body.errors).toBeUndefined();
    expect((analyst.body.data!.whiteLabelAgreements as { edges: unknown[] }).edges).toHaveLength(10);
  });

  it('an analyst may not write: the mutation is refused alike and nothing is stored', async () => {
    const write = await alike(
      await as(caller('ANALYST', 'hive-writer')),
      requestBody(
        'mutation { createPartner(input: {name: "Hive Writer", country: "IT", region: EMEA, category: SOVEREIGN_CLOUD}) { partner { id } } }',
      ),
    );
    expect(outcome(write).errors).toEqual([{ code: 'FORBIDDEN', path: ['createPartner'] }]);
    const found = await send(
      oursUrl,
      await as(caller('ANALYST', 'hive-reader')),
      requestBody('{ partners(filter: {nameContains: "Hive Writer"}) { totalCount } }'),
    );
    expect(found.body.data).toEqual({ partners: { totalCount: 0 } });
  });

  it('rate limits: one budget per caller on the shared Redis, whichever gateway takes from it', async () => {
    const spender = await as(caller('ANALYST', 'hive-spender'));
    const headline = requestBody(HEADLINE, { first: 100 });
    // 41,908 of a 60,000 budget through ours, then the same again through Hive: refused there.
    expect((await send(oursUrl, spender, headline)).status).toBe(200);
    for (const hive of hives) {
      const refused = await send(hive.url, spender, headline);
      expect({ hive: hive.label, ...outcome(refused) }).toEqual({
        hive: hive.label,
        status: 429,
        data: null,
        errors: [{ code: 'RATE_LIMITED' }],
      });
    }
    expect((await send(hives[0]!.url, await as(caller('ANALYST', 'hive-other')), headline)).status).toBe(200);
  });

  it('an API key works on every gateway, and revoked through the command it is refused by all within a second', async () => {
    const command = (...args: string[]) => runApiKeyCommand(args, stack.config);
    const created = await command('create', '--role', 'PRIMARY', '--partner', primaryId(), '--name', 'hive tool');
    const key = /cgk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}/.exec(created.output)!;
    const withKey = { [API_KEY_HEADER]: key[0] };
    const documented = requestBody(operation('PartnerDirectory'));
    expect((await alike(withKey, documented)).status).toBe(200);
    const revoked = await command('revoke', '--id', key[1]!);
    expect(revoked.output).toContain('3 gateway(s) listening on Redis refuse it from now on');
    const statuses = async () => Promise.all(gateways().map(async ({ url }) => (await send(url, withKey, documented)).status));
    await waitFor('every gateway to refuse the revoked key', async () => (await statuses()).every((status) => status === 401), 1_000, 20);
  });
});
