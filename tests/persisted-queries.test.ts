import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, loadConfig } from '../common/config';
import { projectRoot } from '../common/paths';
import { PERSISTED_QUERY_NOT_ALLOWED, sha256, type PersistedQueryManifest } from '../gateway/persisted-queries';
import { CLIENT_KIT_FILES } from '../scripts/client-kit';
import { graphql, graphqlData, operation } from './kit/client';
import { ANALYST, startTestStack, type RunningGatewayTier, type TestStack } from './kit/stack';
import {
  PartnerDirectoryDocument,
  ThresholdWhatIfDocument,
  WhoResellsWhatToWhomDocument,
  type ChannelOverviewQuery,
} from '../client/generated/graphql';

const committedManifest = () => JSON.parse(fs.readFileSync(CLIENT_KIT_FILES.manifest, 'utf8')) as PersistedQueryManifest;
const idOf = (name: string) => committedManifest().operations.find((o) => o.name === name)!.id;

/** A request carrying only an operation's id, as Apollo's persisted-query link and examples/headline.ts send it. */
async function byId<TData = unknown>(url: string, sha256Hash: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await stack.authorization(ANALYST)) },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  return {
    status: response.status,
    ...((await response.json()) as { data?: TData; errors?: Array<{ message: string; extensions?: { code?: string } }> }),
  };
}

describe('PERSISTED_QUERIES', () => {
  it('refuses an unknown PERSISTED_QUERIES mode, naming the variable', () => {
    expect(() => loadConfig({ PERSISTED_QUERIES: 'on' })).toThrow(ConfigError);
    expect(() => loadConfig({ PERSISTED_QUERIES: 'on' })).toThrow(/PERSISTED_QUERIES="on"/);
    expect(loadConfig({}).persistedQueries.mode).toBe('off');
    expect(loadConfig({ PERSISTED_QUERIES: 'enforce-partners' }).persistedQueries.mode).toBe('enforce-partners');
  });
});

let stack: TestStack;
/** The same subgraphs behind a second gateway with the safelist off (the default). */
let open: RunningGatewayTier;
let openUrl: string;
/** And a third holding partner roles to the safelist (PERSISTED_QUERIES=enforce-partners). */
let partnersHeld: RunningGatewayTier;
let partnersHeldUrl: string;

beforeAll(async () => {
  stack = await startTestStack('demo', { PERSISTED_QUERIES: 'enforce' });
  [open, partnersHeld] = await Promise.all([
    stack.startGateway({ PERSISTED_QUERIES: 'off' }),
    stack.startGateway({ PERSISTED_QUERIES: 'enforce-partners' }),
  ]);
  openUrl = open.url;
  partnersHeldUrl = partnersHeld.url;
});

afterAll(async () => {
  await partnersHeld?.close();
  await open?.close();
  await stack?.stop();
});

describe('PERSISTED_QUERIES=enforce', () => {
  it('runs a documented operation sent as its text, comments and all', async () => {
    const data = await graphqlData(stack.gatewayUrl, WhoResellsWhatToWhomDocument, { first: 3 });
    expect(data.whiteLabelAgreements.edges).toHaveLength(3);
    expect(data.whiteLabelAgreements.totalCount).toBe(stack.dataset.agreements.filter((a) => a.status === 'ACTIVE').length);
  });

  it('runs a documented operation sent by id alone, with the same answer as by text', async () => {
    const byText = await graphqlData(stack.gatewayUrl, ThresholdWhatIfDocument, { minLicensedCores: 2000, first: 5 });
    const answer = await byId(stack.gatewayUrl, idOf('ThresholdWhatIf'), { minLicensedCores: 2000, first: 5 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(byText);
  });

  it("runs the dashboard's own operations", async () => {
    const partnerId = stack.dataset.partners[0]!.id;
    const text = fs.readFileSync(path.join(projectRoot(), 'dashboard', 'operations', 'PartnerDetail.graphql'), 'utf8');
    const { partner } = await graphqlData(stack.gatewayUrl, text, { id: partnerId });
    expect(partner.id).toBe(partnerId);
  });

  it('refuses an operation outside the manifest with PERSISTED_QUERY_NOT_ALLOWED, by text or as GET', async () => {
    const refused = await graphql(stack.gatewayUrl, 'query Mine { partners(first: 1) { totalCount } }');
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([
      { message: expect.stringContaining('persisted-query manifest'), extensions: { code: PERSISTED_QUERY_NOT_ALLOWED } },
    ]);
    const asGet = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ programs { code } }')}`, {
      headers: { accept: 'application/json', ...(await stack.authorization(ANALYST)) },
    });
    expect(asGet.status).toBe(400);
    expect(((await asGet.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe(
      PERSISTED_QUERY_NOT_ALLOWED,
    );
  });

  it('refuses a documented operation changed by the client, and an unknown id', async () => {
    const widened = operation('ChannelOverview').replace('partnerCount', 'partnerCount allocatedCores licensedCores');
    expect((await graphql(stack.gatewayUrl, widened)).errors?.[0]?.extensions?.code).toBe(PERSISTED_QUERY_NOT_ALLOWED);
    const unknown = await byId(stack.gatewayUrl, sha256('query Mine { programs { code } }'));
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0]?.extensions?.code).toBe(PERSISTED_QUERY_NOT_ALLOWED);
  });

  it('still answers 401 to a caller without credentials, and serves the Sandbox page to a browser', async () => {
    const anonymous = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation('ChannelOverview') }),
    });
    expect(anonymous.status).toBe(401);
    const sandbox = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(sandbox.status).toBe(200);
  });

  it('the example client (examples/headline.ts) prints the headline answer', async () => {
    const token = (await stack.authorization(ANALYST)).authorization.replace(/^Bearer /, '');
    const jiti = path.join(projectRoot(), 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [jiti, path.join(projectRoot(), 'examples', 'headline.ts')], {
      env: { ...process.env, GATEWAY_URL: stack.gatewayUrl, TOKEN: token, FIRST: '3' },
      // jiti compiles the TypeScript first: slow on a busy 2-core machine.
      timeout: 150_000,
    });
    const { whiteLabelAgreements } = await graphqlData(stack.gatewayUrl, WhoResellsWhatToWhomDocument, { first: 3 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`Who resells what to whom: ${whiteLabelAgreements.totalCount} active white-label agreements (first 3):`);
    expect(lines).toHaveLength(4);
    whiteLabelAgreements.edges.forEach(({ node }, index) => {
      expect(lines[index + 1]).toContain(`${node.secondary.name} (${node.secondary.country}) resells`);
      expect(lines[index + 1]).toContain(`of ${node.primary.name}'s licences`);
    });
  }, 180_000);
});

describe('PERSISTED_QUERIES=off (the default)', () => {
  it('runs any operation, and still understands manifest ids', async () => {
    const mine = await graphqlData(openUrl, 'query Mine { programs { code } }');
    expect(mine.programs.map((p: { code: string }) => p.code).sort()).toEqual(['ADVANTAGE', 'VCPP', 'VCSP', 'WHITE_LABEL']);
    const answer = await byId<ChannelOverviewQuery>(openUrl, idOf('ChannelOverview'));
    expect(answer.data?.channelOverview.partnerCount).toBe(stack.dataset.partners.length);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an id it has never seen', async () => {
    const unknown = await byId(openUrl, sha256('query Mine { programs { code } }'));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('PERSISTED_QUERIES=enforce-partners: partner tools held to the manifest, analysts free (the query IDE)', () => {
  const MINE = 'query Mine { programs { code } }';
  const partner = (role: 'PRIMARY' | 'SECONDARY') =>
    stack.authorization({ subject: `safelist-${role}`, role, partnerId: stack.dataset.partners[0]!.id });

  it('refuses a PRIMARY or SECONDARY caller an operation outside the manifest, by text or by id, and runs documented ones', async () => {
    for (const role of ['PRIMARY', 'SECONDARY'] as const) {
      const headers = await partner(role);
      const refused = await graphql(partnersHeldUrl, MINE, {}, headers);
      expect(refused.status).toBe(400);
      expect(refused.data).toBeUndefined();
      expect(refused.errors).toEqual([
        {
          message: expect.stringContaining(
            'persisted-query manifest for PRIMARY and SECONDARY callers, and the operation is not one of them',
          ),
          extensions: { code: PERSISTED_QUERY_NOT_ALLOWED },
        },
      ]);
      const widened = operation('ChannelOverview').replace('partnerCount', 'partnerCount allocatedCores');
      expect((await graphql(partnersHeldUrl, widened, {}, headers)).errors?.[0]?.extensions?.code).toBe(PERSISTED_QUERY_NOT_ALLOWED);
      // Runs, with the usual scope: another partner's licensedCores are FORBIDDEN fields, not a refusal.
      const documented = await graphql(partnersHeldUrl, PartnerDirectoryDocument, { first: 2 }, headers);
      expect(documented.status).toBe(200);
      expect(documented.data?.partners.edges).toHaveLength(2);
      expect(documented.errors?.length).toBeGreaterThan(0);
      for (const error of documented.errors ?? []) expect(error.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('lets VENDOR and ANALYST callers run their own queries and introspect, as the query IDE does', async () => {
    for (const role of ['VENDOR', 'ANALYST'] as const) {
      const headers = await stack.authorization({ subject: `safelist-${role}`, role, partnerId: null });
      const mine = await graphql(partnersHeldUrl, MINE, {}, headers);
      expect(mine.errors).toBeUndefined();
      expect(mine.data.programs.map((p: { code: string }) => p.code).sort()).toEqual(['ADVANTAGE', 'VCPP', 'VCSP', 'WHITE_LABEL']);
      const schema = await graphql(partnersHeldUrl, '{ __schema { queryType { name } } }', {}, headers);
      expect(schema.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });

  it('under PERSISTED_QUERIES=enforce, holds analysts too: their own query and introspection are refused', async () => {
    expect((await graphql(stack.gatewayUrl, MINE)).errors?.[0]?.extensions?.code).toBe(PERSISTED_QUERY_NOT_ALLOWED);
    expect((await graphql(stack.gatewayUrl, '{ __schema { queryType { name } } }')).status).toBe(400);
  });
});
