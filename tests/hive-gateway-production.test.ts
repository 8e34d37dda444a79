import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { API_KEY_HEADER } from '../common/api-key';
import { SUBGRAPH_NAMES } from '../common/config';
import type { Identity, Role } from '../common/identity';
import { projectRoot } from '../common/paths';
import { runApiKeyCommand } from '../scripts/api-key';
import { requestBody, operation } from './kit/client';
import { freePort, waitFor } from './kit/faults';
import { PrivateRedis } from './kit/private-redis';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

const HEADLINE = operation('WhoResellsWhatToWhom');
const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'client', 'persisted-queries.json'), 'utf8')) as {
  operations: Array<{ id: string; name: string }>;
};

/**
 * The production configuration for Hive Gateway (gateway/hive-gateway.mjs) against ours, case by
 * case from the scope, hostile-query, persisted-query and shared-state suites: the same answer or
 * the same refusal (status and code) from both, over the same subgraphs, Redis and manifest
 * (PERSISTED_QUERIES=enforce-partners, so both halves of the safelist are seen).
 */
describe(`Hive Gateway in production keeps every protection of ours (${storeLabel()})`, () => {
  let stack: TestStack;
  let redis: PrivateRedis;
  const hives: Array<{ label: string; url: string; process: ChildProcess; output: string[] }> = [];
  const env = () => ({
    PERSISTED_QUERIES: 'enforce-partners',
    MAX_QUERY_COST: '50000',
    RATE_LIMIT_BURST: '60000',
    RATE_LIMIT_PER_SECOND: '1',
    API_KEY_CACHE_SECONDS: '3600',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `hive-${process.pid}:`,
  });
  const gateways = () => [{ label: 'ours', url: stack.gatewayUrl }, ...hives];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await startTestStack('demo', env());
    const urls = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${stack.subgraphs[name].port}/graphql`]),
    );
    for (const [label, flags] of [
      ['Hive, JavaScript planner', []],
      ['Hive, Rust planner', ['--router']],
    ] as const) {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(projectRoot(), 'gateway', 'hive-gateway.mjs'), '--port', String(port), ...flags], {
        env: { ...process.env, ...env(), ...urls, NODE_ENV: 'test', LOG_LEVEL: 'error', HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output: string[] = [];
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      hives.push({ label, url: `http://127.0.0.1:${port}/graphql`, process: child, output });
    }
    for (const hive of hives) {
      await waitFor(
        `${hive.label} to be ready (${hive.output.join('')})`,
        async () => (await fetch(hive.url.replace('/graphql', '/ready')).catch(() => null))?.status === 200,
        // Hive's runtime alone takes seconds to load, many more on a busy machine.
        120_000,
        200,
      );
    }
  }, 300_000);
  afterAll(async () => {
    for (const hive of hives) hive.process.kill('SIGTERM');
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

  it('credentials: none, a forged token, an analyst token', async () => {
    expect((await alike({}, requestBody('{ programs { code } }'))).status).toBe(401);
    expect(outcome(await alike({ authorization: 'Bearer not.a.jwt' }, requestBody('{ programs { code } }'))).errors).toEqual([
      { code: 'UNAUTHENTICATED' },
    ]);
    const analyst = await alike(await as(caller('ANALYST', 'hive-analyst')), requestBody(HEADLINE, { first: 10 }));
    expect(analyst.status).toBe(200);
    expect(analyst.body.errors).toBeUndefined();
    expect((analyst.body.data!.whiteLabelAgreements as { edges: unknown[] }).edges).toHaveLength(10);
  });

  it('scope: a partner is refused the channel-wide figures and sees only its own licences; an analyst may not write', async () => {
    const primary = await as(caller('PRIMARY', 'hive-primary'));
    const overview = await alike(primary, requestBody(operation('ChannelOverview')));
    expect(outcome(overview)).toEqual({ status: 200, data: null, errors: [{ code: 'FORBIDDEN', path: ['channelOverview'] }] });
    const licences = await alike(primary, requestBody(operation('LicenceSearch'), { first: 100 }));
    const holders = (licences.body.data!.licences as { edges: Array<{ node: { holder: { id: string } } }> }).edges.map(
      (edge) => edge.node.holder.id,
    );
    expect(holders.length).toBeGreaterThan(0);
    expect(new Set(holders)).toEqual(new Set([primaryId()]));
    const write = await alike(
      await as(caller('ANALYST', 'hive-writer')),
      requestBody(
        'mutation { createPartner(input: {name: "Hive Writer", country: "IT", region: EMEA, category: SOVEREIGN_CLOUD}) { partner { id } } }',
      ),
    );
    expect(outcome(write).errors).toEqual([{ code: 'FORBIDDEN', path: ['createPartner'] }]);
    const found = await send(
      stack.gatewayUrl,
      await as(caller('ANALYST', 'hive-reader')),
      requestBody('{ partners(filter: {nameContains: "Hive Writer"}) { totalCount } }'),
    );
    expect(found.body.data).toEqual({ partners: { totalCount: 0 } });
  });

  it("a refusal comes once, at the field asked: a secondary's licence chain up to its primary's figures", async () => {
    const served = stack.dataset.contracts.find((c) => c.allocationId !== null)!;
    const secondary: Identity = { subject: 'hive-chain', role: 'SECONDARY', partnerId: served.providerId };
    const chain = await alike(await as(secondary), requestBody(operation('CustomerLicenceChain'), { customerId: served.customerId }));
    // The planner fetches licensedCores twice (asked, and for meetsAdvantageThreshold's @requires): each refusal still once.
    const paths = (chain.body.errors ?? []).map((error) => JSON.stringify(error.path));
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths).size).toBe(paths.length);
    expect(new Set(outcome(chain).errors.map((error) => `${String(error.code)} ${String(error.path?.at(-1))}`))).toEqual(
      new Set(['FORBIDDEN licensedCores', 'FORBIDDEN meetsAdvantageThreshold']),
    );
  });

  it('persisted queries: partners run only the manifest (by id or text), analysts write their own', async () => {
    const primary = await as(caller('PRIMARY', 'hive-persisted'));
    const byId = await alike(
      primary,
      JSON.stringify({
        extensions: {
          persistedQuery: { version: 1, sha256Hash: manifest.operations.find((entry) => entry.name === 'PartnerDirectory')!.id },
        },
      }),
    );
    expect(byId.status).toBe(200);
    expect((byId.body.data!.partners as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
    expect((await alike(primary, requestBody(operation('PartnerDirectory')))).status).toBe(200);
    const own = await alike(primary, requestBody('query Mine { programs { code } }'));
    expect(outcome(own)).toEqual({ status: 400, data: null, errors: [{ code: 'PERSISTED_QUERY_NOT_ALLOWED' }] });
    expect(
      (await alike(await as(caller('ANALYST', 'hive-own')), requestBody('query Mine { programs { code } }'))).body.errors,
    ).toBeUndefined();
  });

  it('hostile queries: cost, depth, aliases, tokens and body size are refused alike', async () => {
    const analyst = await as(caller('ANALYST', 'hive-hostile'));
    const cost = await alike(analyst, requestBody('query ($n: Int) { partners(first: $n) { edges { node { name } } } }', { n: 1_000_000 }));
    expect(outcome(cost).errors).toEqual([{ code: 'COST_ESTIMATED_TOO_EXPENSIVE' }]);
    expect(cost.body.errors![0]!.extensions!.cost).toEqual({ estimated: 2_000_001, max: 50_000 });
    const deep =
      '{ partners { edges { node { licences { allocations { contracts { customer { contracts { customer { contracts { id } } } } } } } } } } }';
    expect(outcome(await alike(analyst, requestBody(deep))).errors.map((error) => error.code)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: programs { code }`).join(' ')} }`;
    expect(outcome(await alike(analyst, requestBody(aliases))).errors.map((error) => error.code)).toContain('ALIAS_LIMIT_EXCEEDED');
    const tokens = `{ programs { ${Array.from({ length: 1500 }, () => 'code').join(' ')} } }`;
    expect(outcome(await alike(analyst, requestBody(tokens))).errors.map((error) => error.code)).toEqual(['TOKEN_LIMIT_EXCEEDED']);
    const huge = await alike(analyst, requestBody('query ($s: String) { programs { code } }', { s: 'x'.repeat(200_000) }));
    expect(outcome(huge)).toMatchObject({ status: 413, errors: [{ code: 'PAYLOAD_TOO_LARGE' }] });
  });

  it('rate limits: one budget per caller on the shared Redis, whichever gateway takes from it', async () => {
    const spender = await as(caller('ANALYST', 'hive-spender'));
    const headline = requestBody(HEADLINE, { first: 100 });
    // 41,908 of a 60,000 budget through ours, then the same again through Hive: refused there.
    expect((await send(stack.gatewayUrl, spender, headline)).status).toBe(200);
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
