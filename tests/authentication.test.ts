import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { loadConfig } from '../common/config';
import { INTERNAL_IDENTITY_HEADER, signInternalIdentity } from '../common/identity';
import { startGateway } from '../gateway/gateway';
import { graphql, requestBody } from './kit/client';
import { startDelayingProxy } from './kit/faults';
import { ANALYST, startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { WhoResellsWhatToWhomDocument } from '../client/generated/graphql';

const QUERY = '{ partners(first: 2) { totalCount edges { node { name } } } }';
const noCredentials = { authorization: '' };

async function hs256(
  claims: Record<string, unknown>,
  secret: string,
  options: { issuer?: string; audience?: string; expiresIn?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? 'channel-graph')
    .setAudience(options.audience ?? 'channel-graph')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(secret));
}

describe(`authentication at the gateway and trust between gateway and subgraphs (${storeLabel()})`, () => {
  let stack: TestStack;
  let secret: string;
  beforeAll(async () => {
    stack = await startTestStack();
    secret = stack.config.auth.jwtSecret!;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses callers without credentials with 401 UNAUTHENTICATED, but not health or the Sandbox page', async () => {
    const response = await graphql(stack.gatewayUrl, QUERY, {}, noCredentials);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();

    const health = await fetch(stack.gatewayUrl.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
    const sandbox = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(sandbox.status).toBe(200);
    expect(await sandbox.text()).toContain('<html');
    const getQuery = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent(QUERY)}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(getQuery.status).toBe(401);
  });

  it('answers a valid token and refuses forged, expired, foreign and incomplete ones', async () => {
    const valid = await graphql(
      stack.gatewayUrl,
      QUERY,
      {},
      { authorization: `Bearer ${await hs256({ sub: 'a', role: 'ANALYST' }, secret)}` },
    );
    expect(valid.status).toBe(200);
    expect(valid.data?.partners.totalCount).toBe(stack.dataset.partners.length);

    const refused: Array<[string, string]> = [
      ['wrong secret', await hs256({ sub: 'a', role: 'VENDOR' }, 'x'.repeat(40))],
      ['expired', await hs256({ sub: 'a', role: 'ANALYST' }, secret, { expiresIn: '-1m' })],
      ['other audience', await hs256({ sub: 'a', role: 'ANALYST' }, secret, { audience: 'someone-else' })],
      ['unknown role', await hs256({ sub: 'a', role: 'ROOT' }, secret)],
      ['partner role without partner', await hs256({ sub: 'a', role: 'PRIMARY' }, secret)],
      ['no subject', await hs256({ role: 'ANALYST' }, secret)],
      ['not a JWT', 'hello'],
      [
        'no exp',
        await new SignJWT({ sub: 'a', role: 'ANALYST' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('channel-graph')
          .setAudience('channel-graph')
          .setIssuedAt()
          .sign(new TextEncoder().encode(secret)),
      ],
      [
        'living longer than AUTH_MAX_TOKEN_LIFETIME_SECONDS (a day)',
        await hs256({ sub: 'a', role: 'ANALYST' }, secret, { expiresIn: '25h' }),
      ],
      ['a partner that is not in the directory', await hs256({ sub: 'a', role: 'PRIMARY', partnerId: 'ptn-999999' }, secret)],
    ];
    for (const [why, token] of refused) {
      const response = await graphql(stack.gatewayUrl, QUERY, {}, { authorization: `Bearer ${token}` });
      expect({ why, status: response.status, code: response.errors?.[0]?.extensions?.code }).toEqual({
        why,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('a partner token for a partner in the directory is answered; the lifetime counts from iat and from now', async () => {
    const partnerId = stack.dataset.partners[0]!.id;
    const known = await graphql(
      stack.gatewayUrl,
      QUERY,
      {},
      { authorization: `Bearer ${await hs256({ sub: 'p', role: 'SECONDARY', partnerId }, secret)}` },
    );
    expect({ status: known.status, errors: known.errors }).toEqual({ status: 200, errors: undefined });
    const unknown = await graphql(
      stack.gatewayUrl,
      QUERY,
      {},
      { authorization: `Bearer ${await hs256({ sub: 'p', role: 'SECONDARY', partnerId: 'ptn-999999' }, secret)}` },
    );
    expect(unknown.errors?.[0]?.message).toBe('The credentials name partner "ptn-999999", which is not in the directory.');
    // Issued an hour ago, expiring in 23 h 59 min: within a day of its iat.
    const now = Math.floor(Date.now() / 1000);
    const backdated = await new SignJWT({ sub: 'a', role: 'ANALYST' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('channel-graph')
      .setAudience('channel-graph')
      .setIssuedAt(now - 3600)
      .setExpirationTime(now + 86_340 - 3600)
      .sign(new TextEncoder().encode(secret));
    expect((await graphql(stack.gatewayUrl, QUERY, {}, { authorization: `Bearer ${backdated}` })).status).toBe(200);
    const tooLong = await graphql(
      stack.gatewayUrl,
      QUERY,
      {},
      { authorization: `Bearer ${await hs256({ sub: 'a', role: 'ANALYST' }, secret, { expiresIn: '2d' })}` },
    );
    expect(tooLong.errors?.[0]?.message).toMatch(/tokens may live at most 86400 seconds \(AUTH_MAX_TOKEN_LIFETIME_SECONDS\)/);
  });

  it('a client cannot pass itself off as the gateway', async () => {
    const forwarded = await signInternalIdentity(
      { subject: 'x', role: 'VENDOR', partnerId: null },
      stack.config.auth.internalSecret,
      requestBody(QUERY),
    );
    const response = await graphql(stack.gatewayUrl, QUERY, {}, { ...noCredentials, [INTERNAL_IDENTITY_HEADER]: forwarded });
    expect(response.status).toBe(401);
  });

  it.each(['partners', 'programs', 'licences', 'customers'] as const)(
    'the %s subgraph refuses direct calls without the gateway-signed identity',
    async (name) => {
      const url = `http://127.0.0.1:${stack.subgraphs[name].port}/graphql`;
      const entities = '{ _entities(representations: [{ __typename: "Partner", id: "ptn-000001" }]) { __typename } }';
      const attempts: Array<Record<string, string>> = [
        {},
        { [INTERNAL_IDENTITY_HEADER]: 'forged' },
        { [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(ANALYST, 'y'.repeat(40), requestBody(entities)) },
        { [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(ANALYST, stack.config.auth.internalSecret, requestBody(`${entities} `)) },
        { authorization: (await stack.authorization(ANALYST)).authorization },
      ];
      for (const headers of attempts) {
        const response = await graphql(url, entities, {}, { ...noCredentials, ...headers });
        expect(response.status).toBe(401);
        expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(response.data ?? null).toBeNull();
      }
      const trusted = await stack.askSubgraph<{ _entities: unknown[] }>(name, entities);
      expect(trusted.status).toBe(200);
      expect(trusted.data?._entities).toHaveLength(1);
    },
  );

  it('a subgraph request header captured on the wire is accepted again only with its own body, within its lifetime', async () => {
    const captured: Array<{ identity: string; body: Buffer }> = [];
    const proxy = await startDelayingProxy(stack.subgraphs.partners.port, (headers, body) =>
      captured.push({ identity: String(headers[INTERNAL_IDENTITY_HEADER]), body }),
    );
    const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]));
    const gateway = await startGateway(stack.config, { port: 0, subgraphUrls: { ...urls, partners: proxy.url } });
    try {
      const partner = stack.dataset.partners[0]!;
      const read = await graphql(`http://127.0.0.1:${gateway.port}/graphql`, `{ partner(id: "${partner.id}") { name } }`);
      expect(read.data?.partner.name).toBe(partner.name);
      expect(captured).toHaveLength(1);
      const { identity, body } = captured[0]!;
      const partnersUrl = `http://127.0.0.1:${stack.subgraphs.partners.port}/graphql`;
      const replay = (payload: string | Buffer) =>
        fetch(partnersUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity },
          body: payload,
        });

      const same = await replay(body);
      expect(same.status).toBe(200);
      expect(((await same.json()) as { data: unknown }).data).toEqual({ partner: { name: partner.name } });

      const sent = JSON.parse(body.toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      const others = [
        // another operation: every partner's name, and a write
        JSON.stringify({ ...sent, query: '{ partners(first: 100) { totalCount edges { node { id name website } } } }' }),
        JSON.stringify({ query: `mutation { updatePartner(input: { id: "${partner.id}", name: "Hijacked" }) { errors { code } } }` }),
        // the same operation with other variables, or the same text re-encoded
        JSON.stringify({ ...sent, variables: { ...sent.variables, extra: 1 } }),
        `${body.toString('utf8')} `,
      ];
      for (const other of others) {
        const refused = await replay(other);
        const answer = (await refused.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
        expect({ other, status: refused.status, code: answer.errors[0]?.extensions.code, data: answer.data ?? null }).toEqual({
          other,
          status: 401,
          code: 'UNAUTHENTICATED',
          data: null,
        });
      }
      const [stored] = await stack.dataSources.partners.query<Array<{ name: string }>>('SELECT name FROM partners WHERE id = ?', [
        partner.id,
      ]);
      expect(stored?.name).toBe(partner.name);
    } finally {
      await gateway.close();
      await proxy.close();
    }
  });

  it('the headline operation works end to end with a token (the identity reaches every subgraph)', async () => {
    const response = await graphql(stack.gatewayUrl, WhoResellsWhatToWhomDocument, { first: 3 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.whiteLabelAgreements.edges).toHaveLength(3);
    // partners(filter: { channelStatus }) makes the partners subgraph call programs on the caller's behalf.
    const filtered = await graphql(stack.gatewayUrl, '{ partners(filter: { channelStatus: PRIMARY }, first: 1) { totalCount } }');
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data?.partners.totalCount).toBeGreaterThan(0);
  });
});

describe('RS256 tokens verified with a JWKS file', () => {
  let stack: TestStack;
  let privateKey: KeyLike;
  let directory: string;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'jwks-'));
    const file = path.join(directory, 'jwks.json');
    fs.writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] }));
    stack = await startTestStack('demo', { AUTH_JWKS_FILE: file, AUTH_JWT_SECRET: 'z'.repeat(40) });
  });
  afterAll(async () => {
    await stack?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('accepts a token signed by the key in the JWKS and refuses one signed by another key', async () => {
    const sign = (key: KeyLike) =>
      new SignJWT({ role: 'ANALYST' })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setSubject('idp-user')
        .setIssuer('channel-graph')
        .setAudience('channel-graph')
        .setExpirationTime('5m')
        .sign(key);
    const good = await graphql(stack.gatewayUrl, QUERY, {}, { authorization: `Bearer ${await sign(privateKey)}` });
    expect(good.status).toBe(200);
    expect(good.data?.partners.totalCount).toBe(stack.dataset.partners.length);
    const other = await generateKeyPair('RS256');
    const bad = await graphql(stack.gatewayUrl, QUERY, {}, { authorization: `Bearer ${await sign(other.privateKey)}` });
    expect(bad.status).toBe(401);
  });
});

describe('ES256 tokens verified with keys from a JWKS URL', () => {
  let stack: TestStack;
  let privateKey: KeyLike;
  let jwksServer: http.Server;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'es-key', alg: 'ES256', use: 'sig' }] });
    jwksServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    stack = await startTestStack('demo', { AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it('accepts a token signed with the published key, and no HS256 token once a JWKS is the only key source', async () => {
    const token = await new SignJWT({ role: 'VENDOR' })
      .setProtectedHeader({ alg: 'ES256', kid: 'es-key' })
      .setSubject('idp-vendor')
      .setIssuer('channel-graph')
      .setAudience('channel-graph')
      .setExpirationTime('5m')
      .sign(privateKey);
    const good = await graphql(stack.gatewayUrl, QUERY, {}, { authorization: `Bearer ${token}` });
    expect(good.status).toBe(200);
    expect(good.data?.partners.totalCount).toBe(stack.dataset.partners.length);
    const hmac = await hs256({ sub: 'a', role: 'ANALYST' }, 'channel-graph-development-only-jwt-secret');
    expect((await graphql(stack.gatewayUrl, QUERY, {}, { authorization: `Bearer ${hmac}` })).status).toBe(401);
  });
});

describe('the Sandbox landing page', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('in development presets the token it is given; in production it is off', async () => {
    const subgraphUrls = Object.fromEntries(
      Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]),
    );
    const development = await startGateway(stack.config, { port: 0, subgraphUrls, sandboxToken: 'preset-analyst-token' });
    const production = await startGateway(
      loadConfig({
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        AUTH_JWT_SECRET: 'p'.repeat(40),
        INTERNAL_AUTH_SECRET: 'q'.repeat(40),
      }),
      { port: 0, subgraphUrls },
    );
    try {
      const page = async (port: number) => (await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } })).text();
      const developmentPage = await page(development.port);
      expect(developmentPage).toContain('preset-analyst-token');
      expect(developmentPage).toContain('sandbox');
      const productionPage = await fetch(`http://127.0.0.1:${production.port}/graphql`, { headers: { accept: 'text/html' } });
      expect(productionPage.status).toBe(400);
      expect((await productionPage.text()).toLowerCase()).not.toContain('sandbox');
    } finally {
      await development.close();
      await production.close();
    }
  });

  it('in development, hands the development token only to callers on this machine (loopback)', async () => {
    const subgraphUrls = Object.fromEntries(
      Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]),
    );
    // Listening on every interface, reached once through loopback and once through this machine's network address.
    const exposed = await startGateway(
      { ...stack.config, host: '0.0.0.0' },
      { port: 0, subgraphUrls, sandboxToken: 'preset-analyst-token' },
    );
    const networkAddress = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
    expect(networkAddress).toEqual(expect.any(String));
    try {
      const settings = async (host: string) =>
        (await (await fetch(`http://${host}:${exposed.port}/dashboard/settings.json`)).json()) as { developmentToken: string | null };
      expect((await settings('127.0.0.1')).developmentToken).toBe('preset-analyst-token');
      expect((await settings(networkAddress!)).developmentToken).toBeNull();
      const page = (host: string) => fetch(`http://${host}:${exposed.port}/graphql`, { headers: { accept: 'text/html' } });
      expect(await (await page('127.0.0.1')).text()).toContain('preset-analyst-token');
      const remote = await page(networkAddress!);
      expect(remote.status).toBe(403);
      expect(await remote.text()).not.toContain('preset-analyst-token');
    } finally {
      await exposed.close();
    }
  });
});
