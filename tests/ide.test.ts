import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningService } from '../common/http';
import type { Identity } from '../common/identity';
import { exampleVariables } from '../demo/operation-examples';
import { startGateway } from '../gateway/gateway';
import { ideDirectory } from '../gateway/ide';
import { artifactsDirectory, launchBrowser, pageErrors } from './kit/browser';
import { graphql, graphqlData, operation, type GraphQLResponse } from './kit/client';
import type { PageWindow } from './kit/page-window';
import type { ChannelOverviewQuery } from '../client/generated/graphql';
import { ANALYST, startTestStack, type TestStack } from './kit/stack';
import { describeWith, isInstalled } from './kit/system-programs';

/**
 * The query IDE (/ide, GraphiQL built by `npm run build` into dist/ide) in a real Chromium with
 * every request to another origin than the gateway's blocked, against a production stack (with
 * PERSISTED_QUERIES=enforce-partners, as the README recommends with the IDE) and a development
 * gateway on the same subgraphs (safelist off); and introspection by role at the API.
 */
const store = process.env.CHANNEL_STORE ?? 'sqlite';
const HEADLINE = 'WhoResellsWhatToWhom';
const INTROSPECT = '{ __schema { queryType { name } } }';

let stack: TestStack;
let development: RunningService;
let browser: Browser;
let artifacts: string;

const productionOrigin = () => stack.gatewayUrl.replace(/\/graphql$/, '');
const developmentOrigin = () => `http://127.0.0.1:${development.port}`;
const bearer = async (identity: Identity) => (await stack.authorization(identity)).authorization.replace(/^Bearer /, '');
const partnerIdentity = (role: 'PRIMARY' | 'SECONDARY'): Identity => ({
  subject: `ide-${role}`,
  role,
  partnerId: stack.dataset.agreements.find((a) => a.status === 'ACTIVE')![role === 'PRIMARY' ? 'primaryId' : 'secondaryId'],
});

beforeAll(async () => {
  if (!fs.existsSync(path.join(ideDirectory(), 'ide.js'))) throw new Error('dist/ide/ is missing: run `npm run build` first (CI does).');
  stack = await startTestStack('demo', {
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: 'ide-test-jwt-secret-0123456789-0123456789',
    INTERNAL_AUTH_SECRET: 'ide-test-internal-secret-0123456789-012345',
    PERSISTED_QUERIES: 'enforce-partners',
  });
  const subgraphUrls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]));
  development = await startGateway(
    { ...stack.config, environment: 'development', persistedQueries: { ...stack.config.persistedQueries, mode: 'off' } },
    { port: 0, subgraphUrls, sandboxToken: await bearer(ANALYST) },
  );
  if (isInstalled('chromium')) browser = await launchBrowser();
  artifacts = artifactsDirectory('ide');
});

afterAll(async () => {
  await browser?.close();
  await development?.close();
  await stack?.stop();
});

interface OfflinePage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  /** Requests to any other origin: each was aborted. */
  elsewhere: string[];
  /** Bytes on the wire (encoded response bodies) from the gateway. */
  transferred: () => Promise<number>;
}

/** A page whose every request to an origin other than `origin` is aborted (and recorded), as on an air-gapped network. */
async function offlinePage(origin: string, token: string | null, width = 1400): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const elsewhere: string[] = [];
  const responses: Array<Promise<number>> = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    elsewhere.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('requestfinished', (request) =>
    responses.push(
      request
        .sizes()
        .then((sizes) => sizes.responseBodySize)
        .catch(() => 0),
    ),
  );
  if (token)
    await context.addInitScript((saved) => (globalThis as unknown as PageWindow).localStorage.setItem('channel-graph.token', saved), token);
  const page = await context.newPage();
  const errors = pageErrors(page);
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) errors.push(message.text());
  });
  return { page, context, errors, elsewhere, transferred: async () => (await Promise.all(responses)).reduce((a, b) => a + b, 0) };
}

/** Waits for the schema and for the headline in the editors; returns the milliseconds since navigation. */
async function openIde({ page }: OfflinePage, origin: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${origin}/ide`);
  await page.locator('body[data-schema="loaded"]').waitFor();
  await page.locator('.graphiql-query-editor .view-lines', { hasText: `query ${HEADLINE}` }).waitFor();
  return Date.now() - started;
}

/** Clicks the run button and returns the gateway's answer to the operation it sent. */
async function run<TData = unknown>(page: Page, operationName: string): Promise<Omit<GraphQLResponse<TData>, 'status'>> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postDataJSON()?.operationName === operationName),
    page.click('.graphiql-execute-button'),
  ]);
  expect(response.status()).toBe(200);
  return (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
}

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `${store}-${name}.png`) });

describe('serving', () => {
  it('serves the built IDE under a policy that allows this origin only, gzip to browsers that take it, hashed chunks cached for good', async () => {
    const page = await fetch(`${productionOrigin()}/ide`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/ide/ide.js">');

    const raw = fs.readFileSync(path.join(ideDirectory(), 'ide.js'));
    const gzipped = await fetch(`${productionOrigin()}/ide/ide.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('content-type')).toMatch(/^application\/javascript|^text\/javascript/);
    expect(gzipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(Buffer.from(await gzipped.arrayBuffer()).equals(raw)).toBe(true); // fetch decodes it
    const plain = await fetch(`${productionOrigin()}/ide/ide.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(raw.length);
    expect(plain.headers.get('cache-control')).toBe('no-cache');

    const chunk = fs.readdirSync(path.join(ideDirectory(), 'chunks')).find((file) => file.endsWith('.js'))!;
    const cached = await fetch(`${productionOrigin()}/ide/chunks/${chunk}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(cached.status).toBe(200);
    expect(cached.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${productionOrigin()}/ide/chunks/missing.js`)).status).toBe(404);
    expect((await fetch(`${productionOrigin()}/ide/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('lists the documented operations headline first, each with its example variables', async () => {
    const operations = (await (await fetch(`${productionOrigin()}/ide/operations.json`)).json()) as Array<{
      name: string;
      description: string;
      query: string;
      variables: string;
    }>;
    const documented = fs.readdirSync(path.join(__dirname, '..', 'schema', 'operations')).map((file) => file.replace('.graphql', ''));
    expect(operations.map((o) => o.name)).toEqual([
      HEADLINE,
      ...documented.filter((name) => name !== HEADLINE).sort((a, b) => a.localeCompare(b)),
    ]);
    const examples = exampleVariables(stack.dataset);
    for (const o of operations) {
      expect(o.query).toBe(operation(o.name));
      expect(JSON.parse(o.variables)).toEqual(examples[o.name] ?? {});
      expect(o.description.length).toBeGreaterThan(20);
    }
  });
});

describe('introspection by role', () => {
  // In production the safelist (enforce-partners) refuses a partner's introspection before the schema rule does.
  it.each([
    ['production', () => stack.gatewayUrl, { status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED' }],
    ['development', () => `${developmentOrigin()}/graphql`, { status: 403, code: 'FORBIDDEN' }],
  ])(
    'in %s, answers VENDOR and ANALYST callers and refuses partner roles, whatever else the operation asks',
    async (_mode, url, refusal) => {
      for (const role of ['VENDOR', 'ANALYST'] as const) {
        const answer = await graphql(url(), INTROSPECT, {}, await stack.authorization({ subject: `ide-${role}`, role, partnerId: null }));
        expect(answer.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      }
      for (const role of ['PRIMARY', 'SECONDARY'] as const) {
        const headers = await stack.authorization(partnerIdentity(role));
        for (const query of [
          INTROSPECT,
          '{ __type(name: "Partner") { name } }',
          'query Both { programs { code } ...Schema } fragment Schema on Query { __schema { types { name } } }',
        ]) {
          const refused = await graphql(url(), query, {}, headers);
          expect({ status: refused.status, data: refused.data, codes: refused.errors?.map((e) => e.extensions?.code) }).toEqual({
            status: refusal.status,
            data: undefined,
            codes: [refusal.code],
          });
          if (refusal.code === 'FORBIDDEN')
            expect(refused.errors?.[0]?.message).toContain(`open to VENDOR and ANALYST callers, not to ${role}`);
        }
        if (refusal.code === 'FORBIDDEN') {
          // __typename is not introspection (the safelist, in production, refuses this operation anyway).
          const typename = await graphql(url(), '{ __typename programs { code } }', {}, headers);
          expect(typename.data?.__typename).toBe('Query');
        }
      }
    },
  );
});

describeWith('chromium')('in the browser, every other origin blocked', () => {
  it('in development: opens with the headline and its variables, runs it, and opens any documented operation from its panel', async () => {
    const offline = await offlinePage(developmentOrigin(), null);
    const { page, errors, elsewhere } = offline;
    const millis = await openIde(offline, developmentOrigin());
    const bytes = await offline.transferred();
    console.log(
      `query IDE (development, ${store}): schema and headline ready in ${millis} ms, ${(bytes / 1024).toFixed(0)} KB transferred`,
    );
    expect(await page.textContent('#token-button')).toBe('Token: development');
    expect(await page.isVisible('#sandbox-link')).toBe(true);
    await page.locator('.graphiql-editor-tool .view-lines', { hasText: '"first": 100' }).waitFor();

    const answer = await run(page, HEADLINE);
    const expected = await graphqlData(stack.gatewayUrl, operation(HEADLINE), { first: 100 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(expected);
    await page.locator('.graphiql-response .view-lines', { hasText: '"totalCount"' }).waitFor();
    await screenshot(page, 'development-headline');

    await page.click('[aria-label="Show Documented operations"]');
    await page.click('[data-operation="ChannelOverview"]');
    await page.locator('.graphiql-query-editor .view-lines', { hasText: 'query ChannelOverview' }).waitFor();
    await page.locator('.graphiql-tab[aria-selected="true"]', { hasText: 'ChannelOverview' }).waitFor();
    const overview = await run<ChannelOverviewQuery>(page, 'ChannelOverview');
    expect(overview.data?.channelOverview.partnerCount).toBe(stack.dataset.partners.length);
    await page.click('[aria-label="Show GraphiQL Explorer"]');
    await page.locator('.graphiql-explorer-root, .docExplorerWrap', { hasText: 'whiteLabelAgreements' }).first().waitFor();
    await screenshot(page, 'development-explorer');

    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await offline.context.close();
  });

  it('in production: an analyst enters a token once, runs the headline, finds it again on the next visit, and can forget it', async () => {
    const offline = await offlinePage(productionOrigin(), null);
    const { page, errors, elsewhere } = offline;
    await page.goto(`${productionOrigin()}/ide`);
    await page.locator('body[data-schema="missing-token"]').waitFor();
    expect(await page.isVisible('#sandbox-link')).toBe(false); // production serves no Sandbox
    expect(await page.locator('.graphiql-container').count()).toBe(0);

    const token = await bearer(ANALYST);
    await page.fill('#token-input', token);
    await page.click('#token-form button[type=submit]');
    await page.locator('body[data-schema="loaded"]').waitFor();
    await page.locator('.graphiql-query-editor .view-lines', { hasText: `query ${HEADLINE}` }).waitFor();
    const answer = await run(page, HEADLINE);
    expect(answer.data).toEqual(await graphqlData(stack.gatewayUrl, operation(HEADLINE), { first: 100 }));
    await screenshot(page, 'production-analyst');

    const millis = await openIde(offline, productionOrigin()); // the next visit: the token is still there
    console.log(`query IDE (production, ${store}): ready again in ${millis} ms on the second visit (browser cache)`);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).localStorage.getItem('channel-graph.token'))).toBe(token);
    expect(await page.textContent('#token-button')).toBe('Token: saved');

    await page.click('#token-button');
    await page.click('#token-clear');
    await page.locator('body[data-schema="missing-token"]').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).localStorage.getItem('channel-graph.token'))).toBeNull();
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await offline.context.close();
  });

  it.each([
    ['PRIMARY', 'production', productionOrigin, 400, 'PERSISTED_QUERY_NOT_ALLOWED'],
    ['SECONDARY', 'development', developmentOrigin, 403, 'FORBIDDEN'],
  ] as const)('a %s token gets no schema in %s: the IDE says so and shows no editor', async (role, mode, origin, status, code) => {
    const offline = await offlinePage(origin(), await bearer(partnerIdentity(role)));
    const { page, errors, elsewhere } = offline;
    const [introspection] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postDataJSON()?.operationName === 'IntrospectionQuery'),
      page.goto(`${origin()}/ide`),
    ]);
    expect(introspection.status()).toBe(status);
    const body = await introspection.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe(code);
    await page.locator('body[data-schema="refused"]').waitFor();
    expect(await page.textContent('#ide-message')).toContain(code);
    expect(await page.textContent('#ide-message')).toContain('The query IDE is for VENDOR and ANALYST callers');
    expect(await page.locator('.graphiql-container').count()).toBe(0);
    await screenshot(page, `${mode}-${role.toLowerCase()}-refused`);
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await offline.context.close();
  });
});
