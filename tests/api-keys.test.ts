import { API_KEY_HEADER, hashApiKeySecret, parseApiKey } from '../common/api-key';
import type { Identity } from '../common/identity';
import { startGateway } from '../gateway/gateway';
import { apiKeyService, runApiKeyCommand } from '../scripts/api-key';
import type { ApiKeyService } from '../subgraphs/partners/api-key/api-key.service';
import type { Partner } from '../subgraphs/partners/partner/partner.entity';
import { graphql } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const QUERY = '{ partners(first: 2) { totalCount edges { node { name } } } }';
const LOOKUP =
  'query ($keyId: ID!, $secretHash: String!) { apiKeyIdentity(keyId: $keyId, secretHash: $secretHash) { subject role partnerId } }';
/** What LOOKUP answers. */
type ApiKeyLookup = { apiKeyIdentity: { subject: string; role: string; partnerId: string | null } | null };

/** Only the API key: the file's default analyst bearer token is blanked out. */
const withKey = (key: string) => ({ authorization: '', [API_KEY_HEADER]: key });

describe(`API keys for partner tools (${storeLabel()})`, () => {
  let stack: TestStack;
  let service: ApiKeyService;
  /** Creates a key through the service the command uses, failing the test on a refusal. */
  const create = async (role: string, name: string, partnerId: string | null = null) => {
    const created = await service.create({ role, partnerId, name });
    if (!created.ok) throw new Error(created.reason);
    return created;
  };

  beforeAll(async () => {
    // Revocation takes effect after API_KEY_CACHE_SECONDS: 0 here, so at once.
    stack = await startTestStack('demo', { API_KEY_CACHE_SECONDS: '0' });
    service = apiKeyService(stack.dataSources.partners);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('an ANALYST key answers queries through the gateway, on every subgraph', async () => {
    const { key } = await create('ANALYST', 'dashboard');
    const response = await graphql(stack.gatewayUrl, QUERY, {}, withKey(key));
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.partners.totalCount).toBe(stack.dataset.partners.length);
    const acrossSubgraphs = await graphql(
      stack.gatewayUrl,
      '{ whiteLabelAgreements(first: 1) { edges { node { primary { name channelStatus licensedCores } allocations { contracts { customer { name } } } } } } }',
      {},
      withKey(key),
    );
    expect(acrossSubgraphs.errors).toBeUndefined();
    expect(acrossSubgraphs.data?.whiteLabelAgreements.edges).toHaveLength(1);
  });

  it('refuses a wrong secret, an unknown key id, a malformed key and a revoked key with 401 UNAUTHENTICATED', async () => {
    const { key, apiKey } = await create('ANALYST', 'to be revoked');
    const other = await create('ANALYST', 'another');
    const { keyId, secret } = parseApiKey(key)!;
    const { secret: otherSecret } = parseApiKey(other.key)!;
    expect((await graphql(stack.gatewayUrl, QUERY, {}, withKey(key))).status).toBe(200);
    const revoked = await service.revoke(apiKey.id);
    expect(revoked.ok).toBe(true);

    const refused: Array<[string, string]> = [
      ['wrong secret', `cgk_${keyId}_${otherSecret}`],
      ['unknown key id', `cgk_${'0'.repeat(16)}_${secret}`],
      ['malformed', 'cgk_not-a-key'],
      ['malformed secret', `cgk_${keyId}_${secret.slice(1)}`],
      ['revoked', key],
    ];
    for (const [why, presented] of refused) {
      const response = await graphql(stack.gatewayUrl, QUERY, {}, withKey(presented));
      expect({ why, status: response.status, code: response.errors?.[0]?.extensions?.code, data: response.data }).toEqual({
        why,
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
      expect(response.errors?.[0]?.message).toMatch(/API key/);
    }
    // The other key is untouched by the revocation.
    expect((await graphql(stack.gatewayUrl, QUERY, {}, withKey(other.key))).status).toBe(200);
  });

  it('refuses an API key together with a bearer token', async () => {
    const { key } = await create('ANALYST', 'both');
    const response = await graphql(
      stack.gatewayUrl,
      QUERY,
      {},
      { ...(await stack.authorization({ subject: 'a', role: 'ANALYST', partnerId: null })), [API_KEY_HEADER]: key },
    );
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a PRIMARY key authenticates as its partner: it sees what a PRIMARY token of that partner sees', async () => {
    const [own, other] = stack.dataset.partners as [Partner, Partner];
    const { key, apiKey } = await create('PRIMARY', 'partner tool', own.id);
    expect(apiKey).toMatchObject({ role: 'PRIMARY', partnerId: own.id });
    // Channel-wide figures are never for partner roles.
    const overview = await graphql(stack.gatewayUrl, '{ channelOverview { activeAgreements } }', {}, withKey(key));
    expect(overview.status).not.toBe(401);
    expect(overview.data?.channelOverview ?? null).toBeNull();
    expect(overview.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Its own figures, not another partner's: the key is bound to its partner.
    const cores = await graphql(
      stack.gatewayUrl,
      `{ own: partner(id: "${own.id}") { licensedCores } other: partner(id: "${other.id}") { licensedCores } }`,
      {},
      withKey(key),
    );
    expect(cores.data?.own.licensedCores).toEqual(expect.any(Number));
    expect(cores.data?.other.licensedCores).toBeNull();
    expect(cores.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    // Whatever partner roles may read, the key gets exactly what a token of the same caller gets.
    const token = await stack.authorization({ subject: apiKey.id, role: 'PRIMARY', partnerId: own.id });
    for (const query of [
      QUERY,
      '{ channelOverview { activeAgreements } }',
      '{ licences(first: 100) { totalCount edges { node { id holder { id } } } } }',
    ]) {
      const viaKey = await graphql(stack.gatewayUrl, query, {}, withKey(key));
      const viaToken = await graphql(stack.gatewayUrl, query, {}, token);
      // Response extensions (e.g. a caller's remaining request budget) may differ between callers.
      expect({ status: viaKey.status, data: viaKey.data, errors: viaKey.errors }).toEqual({
        status: viaToken.status,
        data: viaToken.data,
        errors: viaToken.errors,
      });
    }
  });

  it('stores only the hash of the secret', async () => {
    const { key, apiKey } = await create('ANALYST', 'stored row');
    const { keyId, secret } = parseApiKey(key)!;
    const rows: Array<Record<string, unknown>> = await stack.dataSources.partners.query('SELECT * FROM api_keys WHERE id = ?', [keyId]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      id: keyId,
      role: 'ANALYST',
      partner_id: null,
      name: 'stored row',
      key_hash: hashApiKeySecret(secret),
      revoked_at: null,
    });
    expect(row.created_at).toBe(apiKey.createdAt);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice(0, 12));
    expect(stored).not.toContain(Buffer.from(secret, 'base64url').toString('hex'));
  });

  it('the key lookup is internal: not in the public schema, not callable through the gateway, and only for the gateway', async () => {
    const introspection = await graphql(
      stack.gatewayUrl,
      '{ __schema { queryType { fields { name } } } apiKeyType: __type(name: "ApiKeyIdentity") { name } }',
    );
    expect(introspection.errors).toBeUndefined();
    const rootFields = introspection.data?.__schema.queryType.fields.map((field: { name: string }) => field.name);
    expect(rootFields).toContain('partners');
    expect(rootFields).not.toContain('apiKeyIdentity');
    expect(introspection.data?.apiKeyType).toBeNull();

    const { key } = await create('ANALYST', 'lookup');
    const { keyId, secret } = parseApiKey(key)!;
    const variables = { keyId, secretHash: hashApiKeySecret(secret) };
    const viaGateway = await graphql(stack.gatewayUrl, LOOKUP, variables);
    expect(viaGateway.status).toBe(400);
    expect(viaGateway.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(viaGateway.data).toBeUndefined();

    const partnersUrl = `http://127.0.0.1:${stack.subgraphs.partners.port}/graphql`;
    const asAnalyst = await stack.askSubgraph<ApiKeyLookup>('partners', LOOKUP, variables);
    expect(asAnalyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asAnalyst.data?.apiKeyIdentity ?? null).toBeNull();
    const withoutIdentity = await graphql(partnersUrl, LOOKUP, variables, { authorization: '' });
    expect(withoutIdentity.status).toBe(401);

    const gateway: Identity = { subject: 'gateway', role: 'VENDOR', partnerId: null };
    const found = await stack.askSubgraph<ApiKeyLookup>('partners', LOOKUP, variables, gateway);
    expect(found.errors).toBeUndefined();
    expect(found.data?.apiKeyIdentity).toEqual({ subject: keyId, role: 'ANALYST', partnerId: null });
    const wrong = await stack.askSubgraph<ApiKeyLookup>('partners', LOOKUP, { keyId, secretHash: hashApiKeySecret(`${secret}x`) }, gateway);
    expect(wrong.errors).toBeUndefined();
    expect(wrong.data?.apiKeyIdentity).toBeNull();
  });

  it('answers 503 SERVICE_UNAVAILABLE, not 401, when the partners subgraph cannot verify a key', async () => {
    const { key } = await create('ANALYST', 'outage');
    const gateway = await startGateway(stack.config, { port: 0, subgraphUrls: { partners: 'http://127.0.0.1:1/graphql' } });
    try {
      const response = await graphql(`http://127.0.0.1:${gateway.port}/graphql`, QUERY, {}, withKey(key));
      expect(response.status).toBe(503);
      expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.errors?.[0]?.message).not.toContain('127.0.0.1');
    } finally {
      await gateway.close();
    }
  });

  describe('npm run api-key', () => {
    const command = (...args: string[]) => runApiKeyCommand(args, stack.config);

    it('creates a key, shown once, that the gateway accepts; lists keys without secrets; revokes once', async () => {
      const created = await command('create', '--role', 'ANALYST', '--name', 'BI export');
      expect(created.exitCode).toBe(0);
      const key = /cgk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/.exec(created.output)?.[0];
      expect(key).toBeDefined();
      const { keyId, secret } = parseApiKey(key!)!;
      expect((await graphql(stack.gatewayUrl, QUERY, {}, withKey(key!))).status).toBe(200);

      const listed = await command('list');
      expect(listed.exitCode).toBe(0);
      expect(listed.output).toMatch(new RegExp(`${keyId}\\s+ANALYST\\s+-\\s+\\S+\\s+-\\s+BI export`));
      expect(listed.output).not.toContain(secret);
      expect(listed.output).not.toContain(hashApiKeySecret(secret));

      const revoked = await command('revoke', '--id', keyId);
      expect(revoked).toEqual({ exitCode: 0, output: expect.stringContaining(`Revoked API key ${keyId}`) });
      expect((await graphql(stack.gatewayUrl, QUERY, {}, withKey(key!))).status).toBe(401);
      const again = await command('revoke', '--id', keyId);
      expect(again.exitCode).not.toBe(0);
      expect(again.output).toMatch(/already revoked/);
      const unknown = await command('revoke', '--id', 'ffffffffffffffff');
      expect(unknown.exitCode).not.toBe(0);
      expect(unknown.output).toMatch(/no API key "ffffffffffffffff"/);
    });

    it('binds partner roles to an existing partner, and VENDOR/ANALYST keys to none', async () => {
      const noPartner = await command('create', '--role', 'PRIMARY', '--name', 'tool');
      expect(noPartner.exitCode).not.toBe(0);
      expect(noPartner.output).toMatch(/PRIMARY key belongs to one partner: name it with --partner/);

      const unknownPartner = await command('create', '--role', 'SECONDARY', '--partner', 'ptn-999999', '--name', 'tool');
      expect(unknownPartner.exitCode).not.toBe(0);
      expect(unknownPartner.output).toMatch(/no partner "ptn-999999"/);

      const vendorWithPartner = await command('create', '--role', 'VENDOR', '--partner', stack.dataset.partners[0]!.id, '--name', 'tool');
      expect(vendorWithPartner.exitCode).not.toBe(0);
      expect(vendorWithPartner.output).toMatch(/VENDOR key .* cannot belong to a partner/);

      const unknownRole = await command('create', '--role', 'ROOT', '--name', 'tool');
      expect(unknownRole.exitCode).not.toBe(0);
      expect(unknownRole.output).toMatch(/"ROOT" is not one of VENDOR, ANALYST, PRIMARY, SECONDARY/);

      expect((await command('create', '--role', 'ANALYST')).exitCode).not.toBe(0);
      expect((await command('create', '--role', 'ANALYST', '--name', '  ')).exitCode).not.toBe(0);
      expect((await command('frobnicate')).exitCode).not.toBe(0);

      const secondary = await command(
        'create',
        '--role',
        'SECONDARY',
        '--partner',
        stack.dataset.partners[1]!.id,
        '--name',
        'reseller portal',
      );
      expect(secondary.exitCode).toBe(0);
      expect(secondary.output).toContain(`SECONDARY of partner ${stack.dataset.partners[1]?.id}`);
    });
  });
});
