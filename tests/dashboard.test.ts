import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, type GraphQLEnumType } from 'graphql';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import type { RunningService } from '../common/http';
import type { Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import { startGateway } from '../gateway/gateway';
import { artifactsDirectory, launchBrowser, pageErrors } from './kit/browser';
import type { PageCanvas, PageWindow } from './kit/page-window';
import { graphqlData, operation } from './kit/client';
import { ANALYST, startTestStack, type TestStack } from './kit/stack';
import { describeWith, isInstalled } from './kit/system-programs';
import {
  ChannelOverviewDocument,
  ChannelTimelineDocument,
  CustomersAtRiskDocument,
  ExcludedPartnersAndCustomersDocument,
  PartnerDirectoryDocument,
  MyChannelDocument,
  PartnerDetailDocument,
  ProgramMilestonesDocument,
  ThresholdWhatIfDocument,
  ViewerDocument,
  WhoResellsWhatToWhomDocument,
  type ChannelTimelineQuery,
} from '../client/generated/graphql';

/**
 * The dashboard in a real (headless) Chromium against the whole stack: every figure it shows is
 * checked against the API's own answer to the same question (or against the seeded data), and
 * every view is checked for accessibility (axe-core), at 1280 and 390 px, and by keyboard.
 */
const store = process.env.CHANNEL_STORE ?? 'sqlite';
const formatted = (n: number) => n.toLocaleString('en-US');
const numberIn = (text: string | null) => Number((text ?? '').replace(/,/g, ''));
/** One period of the channel over time, as the dashboard's Over time view reads it. */
type Period = ChannelTimelineQuery['channelTimeline']['periods'][number];
const AXE = require.resolve('axe-core/axe.min.js');

let stack: TestStack;
/** A development gateway on the same subgraphs, offering an analyst token to the page (as `npm start` does). */
let development: RunningService;
let developmentUrl: string;
let browser: Browser;
let artifacts: string;

beforeAll(async () => {
  stack = await startTestStack();
  const token = (await stack.authorization(ANALYST)).authorization.replace(/^Bearer /, '');
  const subgraphUrls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]));
  development = await startGateway(stack.config, { port: 0, subgraphUrls, sandboxToken: token });
  developmentUrl = `http://127.0.0.1:${development.port}`;
  if (isInstalled('chromium')) browser = await launchBrowser();
  artifacts = artifactsDirectory('dashboard');
});

afterAll(async () => {
  await browser?.close();
  await development?.close();
  await stack?.stop();
});

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
  /** Names of the GraphQL operations the page sent. */
  operations: string[];
}

/** A page in its own browser context (own localStorage), optionally with a saved token, with axe-core loaded from node_modules. */
async function open(url: string, { token = null as string | null, width = 1280 } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  if (token)
    await context.addInitScript((saved) => (globalThis as unknown as PageWindow).localStorage.setItem('channel-graph.token', saved), token);
  // An init script is not subject to the page's Content-Security-Policy (which allows this origin's scripts only).
  await context.addInitScript({ path: AXE });
  const page = await context.newPage();
  const errors = pageErrors(page);
  const operations: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') operations.push(request.postDataJSON()?.operationName);
  });
  await page.goto(url);
  return { page, context, errors, operations };
}

const tokenFor = async (identity: Identity) => (await stack.authorization(identity)).authorization.replace(/^Bearer /, '');
const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `${store}-${name}.png`), fullPage: true });
const gatewayOrigin = () => stack.gatewayUrl.replace(/\/graphql$/, '');
const ready = (page: Page) => page.locator('.view[data-ready]').waitFor();
/** Text nodes of the view that read "null": what `replaceChildren(null)` leaves where nothing was meant to be. */
const strayNulls = (page: Page) =>
  page.locator('.view').evaluate((view) => {
    const walker = view.ownerDocument.createTreeWalker(view, 4 /* NodeFilter.SHOW_TEXT: this file has no DOM globals */);
    let found = 0;
    while (walker.nextNode()) if (walker.currentNode.textContent === 'null') found += 1;
    return found;
  });
const navLinks = (page: Page) => page.locator('#views a').allTextContents();
const panel = (page: Page, title: string) => page.locator('section.panel', { has: page.locator('h2', { hasText: title }) });

/** Clicks an export button and returns the file's lines (written to test-artifacts/). */
async function exported(page: Page, button: ReturnType<Page['locator']>, name: string): Promise<string[]> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = path.join(artifacts, `${store}-${name}`);
  await download.saveAs(file);
  return fs.readFileSync(file, 'utf8').trimEnd().split('\r\n');
}

/** The primary of the first active agreement, as the API lists them. */
async function aPrimary(): Promise<string> {
  const { whiteLabelAgreements } = await graphqlData(stack.gatewayUrl, WhoResellsWhatToWhomDocument, { first: 1 });
  return whiteLabelAgreements.edges[0]!.node.primary.id;
}

describe('serving', () => {
  it('serves the dashboard at / under a self-only security policy, cytoscape locally, and /graphql keeps its auth rules and Sandbox page', async () => {
    const home = await fetch(`${gatewayOrigin()}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'.*connect-src 'self'/);
    expect(await home.text()).toContain('<title>Channel Graph</title>');

    for (const library of ['cytoscape.min.js', 'chart.umd.min.js']) {
      const served = await fetch(`${gatewayOrigin()}/vendor/${library}`);
      expect({ library, status: served.status, type: served.headers.get('content-type') }).toEqual({
        library,
        status: 200,
        type: expect.stringMatching(/javascript/),
      });
    }

    const documented = await fetch(`${gatewayOrigin()}/operations/ChannelOverview.graphql`);
    expect(await documented.text()).toBe(operation('ChannelOverview'));

    const anonymous = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ programs { code } }' }),
    });
    expect(anonymous.status).toBe(401);
    const anonymousGet = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ programs { code } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(anonymousGet.status).toBe(401);
    const sandbox = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(sandbox.status).toBe(200);
    expect(await sandbox.text()).toContain('sandbox');
  });

  it('offers the development token only where it was given (npm start), never a token of its own', async () => {
    const plain = await (await fetch(`${gatewayOrigin()}/dashboard/settings.json`)).json();
    expect(plain).toEqual({ developmentToken: null, sandboxPath: '/graphql' });
    const offered = (await (await fetch(`${developmentUrl}/dashboard/settings.json`)).json()) as { developmentToken: string };
    expect(offered.developmentToken).toEqual(expect.any(String));
    expect(offered.developmentToken.split('.')).toHaveLength(3);
  });

  it('in development, the Sandbox page holds every documented operation and the preset token', async () => {
    const page = await (await fetch(`${developmentUrl}/graphql`, { headers: { accept: 'text/html' } })).text();
    const names = fs.readdirSync(path.join(__dirname, '..', 'schema', 'operations')).map((file) => file.replace('.graphql', ''));
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) expect(page).toContain(`query ${name}`);
    expect(page).toContain('Bearer ey');
  });

  it('answers `viewer` with the caller: role and, for partner roles, the partner', async () => {
    const primaryId = await aPrimary();
    const asked = async (identity: Identity) =>
      (await graphqlData(stack.gatewayUrl, ViewerDocument, {}, await stack.authorization(identity))).viewer;
    expect(await asked(ANALYST)).toEqual({ subject: ANALYST.subject, role: 'ANALYST', partner: null });
    const partner = stack.dataset.partners.find((p) => p.id === primaryId)!;
    expect(await asked({ subject: 'viewer-primary', role: 'PRIMARY', partnerId: primaryId })).toEqual({
      subject: 'viewer-primary',
      role: 'PRIMARY',
      partner: { id: primaryId, name: partner.name },
    });
  });
});

describeWith('chromium')('in the browser', () => {
  it('asks for a token when none is offered, shows the API refusing a bad one, and works with a pasted one', async () => {
    const { page, context, errors } = await open(`${gatewayOrigin()}/`);
    await page.locator('#token-form').waitFor({ state: 'visible' });
    await page.locator('.error', { hasText: 'No token yet' }).waitFor();
    expect(await navLinks(page)).toEqual([]);

    await page.fill('#token-input', 'not-a-token');
    await page.click('#token-form button[type=submit]');
    // This refusal comes from the gateway (HTTP 401), not from the page; the form opens again.
    await page.locator('.error', { hasText: 'The bearer token is not a JWT.' }).waitFor();
    await page.locator('#token-form').waitFor({ state: 'visible' });
    await screenshot(page, 'bad-token');

    const token = await tokenFor(ANALYST);
    await page.fill('#token-input', token);
    await page.click('#token-form button[type=submit]');
    await page.locator('[data-kpi="partners"]').waitFor();
    expect(numberIn(await page.textContent('[data-kpi="partners"]'))).toBe(stack.dataset.partners.length);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).localStorage.getItem('channel-graph.token'))).toBe(token);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows KPI tiles equal to the API answer for channelOverview, and the views of a whole-channel role', async () => {
    const { page, context, errors } = await open(`${developmentUrl}/`);
    await page.locator('[data-kpi="customersAtRisk"]').waitFor();
    const { channelOverview: o } = await graphqlData(stack.gatewayUrl, ChannelOverviewDocument);
    const tile = async (kpi: string) => numberIn(await page.textContent(`[data-kpi="${kpi}"]`));

    expect(await tile('partners')).toBe(o.partnerCount);
    for (const { status, partners } of o.partnersByChannelStatus) expect(await tile(`partners:${status}`)).toBe(partners);
    expect(await tile('licensedCores')).toBe(o.licensedCores);
    expect(await tile('allocatedCores')).toBe(o.allocatedCores);
    expect(await tile('activeAgreements')).toBe(o.activeAgreements);
    expect(await tile('customers')).toBe(o.customerCount);
    const atRisk = o.customersByProviderStatus.find((s) => s.providerStatus === 'EXCLUDED')!.customers;
    expect(atRisk).toBeGreaterThan(0);
    expect(await tile('customersAtRisk')).toBe(atRisk);
    expect(await tile('migrations')).toBe(o.migrationsByReason.reduce((sum: number, m: { migrations: number }) => sum + m.migrations, 0));
    expect(await navLinks(page)).toEqual(['Overview', 'Over time', 'Network', 'Partners', 'Customers at risk', 'Threshold what-if']);
    expect(await page.isVisible('#sandbox-link')).toBe(true);
    expect(await page.isVisible('#ide-link')).toBe(true);
    expect(await page.textContent('#token-button')).toBe('Token: development');

    // Each table exports what it shows, enum values as people say them.
    const lines = await exported(page, panel(page, 'Licensed cores by product').locator('[data-export]'), 'licensed-cores-by-product.csv');
    expect(lines).toEqual([
      'Product,Cores',
      ...o.licensedCoresByProduct.map(
        (r: { product: string; cores: number }) =>
          `${{ VMWARE_CLOUD_FOUNDATION: 'VMware Cloud Foundation', VSPHERE_FOUNDATION: 'vSphere Foundation', VSPHERE_STANDARD: 'vSphere Standard' }[r.product]},${r.cores}`,
      ),
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws the relationship graph a page of agreements at a time, keeps its choices in the URL, and a click on a provider opens its page', async () => {
    const { page, context, errors } = await open(`${developmentUrl}/#/network`);
    await page.locator('[data-graph-status][data-nodes]').waitFor();
    const { whiteLabelAgreements } = await graphqlData(stack.gatewayUrl, WhoResellsWhatToWhomDocument, { first: 40 });
    const firstTwenty = whiteLabelAgreements.edges.slice(0, 20);
    const providers = new Set(firstTwenty.flatMap(({ node }) => [node.primary.id, node.secondary.id]));
    const drawn = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageWindow).channelGraph;
      return {
        providers: cy
          .nodes('[kind = "partner"]')
          .map((n) => n.data('partnerId') as string)
          .sort(),
        customers: cy.nodes('[kind = "customer"]').length,
      };
    });
    expect(drawn.providers).toEqual([...providers].sort());
    expect(drawn.customers).toBeGreaterThan(0);
    expect(await page.textContent('[data-graph-status]')).toContain(
      `20 of ${formatted(whiteLabelAgreements.totalCount)} active agreements`,
    );

    await page.click('text=Load 20 more agreements');
    await page.locator('[data-graph-status]', { hasText: `40 of ${formatted(whiteLabelAgreements.totalCount)}` }).waitFor();
    const nodesAfterMore = Number(await page.getAttribute('[data-graph-status]', 'data-nodes'));
    expect(nodesAfterMore).toBeGreaterThan(drawn.providers.length + drawn.customers);
    expect(nodesAfterMore).toBeLessThanOrEqual(400);
    expect(page.url()).toMatch(/#\/network\?agreements=40$/);
    // The same agreements as a table beneath the graph, and in its CSV file.
    const rowIds = await page.locator('.panel table tbody tr td:first-child').allTextContents();
    expect(rowIds).toEqual(whiteLabelAgreements.edges.map(({ node }) => node.id));
    await page.click('summary:has-text("The agreements drawn")');
    const lines = await exported(page, page.locator('[data-file="white-label-agreements.csv"]'), 'white-label-agreements.csv');
    expect(lines[0]).toBe('Agreement,Primary,Secondary,Signed,Cores allocated,Customers');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(rowIds);
    await screenshot(page, 'network');

    // Without customers, more agreements fit under the node cap; the link reproduces the picture.
    await page.selectOption('#customers-per-secondary', '0');
    await page
      .locator('[data-graph-status]', {
        hasText: `20 of ${formatted(whiteLabelAgreements.totalCount)} active agreements: ${providers.size} providers, 0 customers`,
      })
      .waitFor();
    await page.click('text=Load 20 more agreements');
    await page.locator('[data-graph-status]', { hasText: `40 of ${formatted(whiteLabelAgreements.totalCount)}` }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).channelGraph.nodes('[kind = "customer"]').length)).toBe(0);
    const link = page.url();
    expect(link).toMatch(/#\/network\?customers=0&agreements=40$/);
    const again = await open(link);
    await again.page.locator('[data-graph-status]', { hasText: `40 of ${formatted(whiteLabelAgreements.totalCount)}` }).waitFor();
    expect(await again.page.inputValue('#customers-per-secondary')).toBe('0');
    await again.context.close();

    // A real click on the canvas, where cytoscape drew the biggest primary.
    const target = await page.evaluate(() => {
      const cy = (globalThis as unknown as PageWindow).channelGraph;
      const node = cy.nodes('[kind = "partner"][status = "PRIMARY"]').max((n) => n.data('size') as number).ele;
      const { x, y } = node.renderedPosition();
      return { id: node.data('partnerId') as string, name: node.data('label') as string, x, y };
    });
    const box = (await page.locator('#network-graph').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForURL(`**/#/partner/${target.id}`);
    await page.locator(`[data-partner-name="${target.id}"]`).waitFor();
    expect(await page.textContent('h1')).toContain(target.name);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a partner page with memberships, licences, agreements, allocations, customers (the page in the URL) and the at-risk flag', async () => {
    // The excluded partner with the most customers: more than one page of them.
    const { channelPartners } = await graphqlData(stack.gatewayUrl, ExcludedPartnersAndCustomersDocument, {
      first: 100,
      customersFirst: 1,
    });
    const excluded = channelPartners.edges.map((e) => e.node).reduce((a, b) => (b.customerCount > a.customerCount ? b : a));
    expect(excluded.customerCount).toBeGreaterThan(25);
    const partner = (await graphqlData(stack.gatewayUrl, PartnerDetailDocument, { id: excluded.id })).partner!;

    const { page, context, errors } = await open(`${developmentUrl}/#/partner/${excluded.id}`);
    await page.locator(`[data-partner-name="${excluded.id}"]`).waitFor();
    expect(await page.textContent('h1')).toContain(partner.name);
    expect(await page.textContent('[data-at-risk]')).toContain(`${formatted(partner.customerCount)} customers`);
    expect(await panel(page, 'Program memberships').locator('tbody tr').count()).toBe(partner.memberships.length);
    expect(await panel(page, 'Licences').locator('tbody tr').count()).toBe(partner.licences.length);
    expect(
      await panel(page, `Customers (${formatted(partner.customerCount)})`)
        .locator('tbody tr')
        .count(),
    ).toBe(25);
    const licences = await exported(page, panel(page, 'Licences').locator('[data-export]'), `${excluded.id}-licences.csv`);
    expect(licences[0]).toBe('Licence,Product,Status,Cores,Allocated,Available,Term');
    expect(
      licences
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(partner.licences.map((l: { id: string }) => l.id).sort());
    const customers = await exported(page, panel(page, 'Customers').locator('[data-export]'), `${excluded.id}-customers.csv`);
    expect(customers).toHaveLength(partner.customerCount + 1); // every page, not only the one shown
    await screenshot(page, 'partner-excluded');

    // The next page of customers is in the URL: the link shows it again, and Back returns to the first.
    await panel(page, 'Customers').locator('button', { hasText: 'Next' }).click();
    await panel(page, 'Customers')
      .locator('.pager', { hasText: `26–${Math.min(50, partner.customerCount)} of` })
      .waitFor();
    const secondPage = await panel(page, 'Customers').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(page.url()).toMatch(/\?page=2&after=/);
    const again = await open(page.url());
    await again.page.locator('.pager', { hasText: `26–${Math.min(50, partner.customerCount)} of` }).waitFor();
    expect(await panel(again.page, 'Customers').locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(secondPage);
    // "Previous" from a link straight to page 2 finds page 1's start by itself.
    await panel(again.page, 'Customers').locator('button', { hasText: 'Previous' }).click();
    await panel(again.page, 'Customers').locator('.pager', { hasText: '1–25 of' }).waitFor();
    await again.context.close();
    await page.goBack();
    await panel(page, 'Customers').locator('.pager', { hasText: '1–25 of' }).waitFor();

    const primaryId = await aPrimary();
    const primary = (await graphqlData(stack.gatewayUrl, PartnerDetailDocument, { id: primaryId })).partner!;
    await page.goto(`${developmentUrl}/#/partner/${primaryId}`);
    await page.locator(`[data-partner-name="${primaryId}"]`).waitFor();
    expect(await page.locator('[data-at-risk]').count()).toBe(0);
    expect(await panel(page, 'White-label agreements').locator('tbody tr').count()).toBe(primary.whiteLabelAgreements.length);
    expect(await panel(page, 'Cores allocated to secondaries').locator('tbody tr').count()).toBe(primary.allocationsGranted.length);
    expect(primary.allocationsGranted.length).toBeGreaterThan(0);
    await screenshot(page, 'partner-primary');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lands a PRIMARY user on "My channel": standing, licences, secondaries, customers; only the views the role may use', async () => {
    const primaryId = await aPrimary();
    const identity: Identity = { subject: 'dashboard-primary', role: 'PRIMARY', partnerId: primaryId };
    const headers = await stack.authorization(identity);
    const myChannel = await graphqlData(stack.gatewayUrl, MyChannelDocument, { id: primaryId, primary: true }, headers);
    const partner = myChannel.partner!;
    const resellerNetwork = myChannel.resellerNetwork!;
    const { page, context, errors, operations } = await open(`${gatewayOrigin()}/`, { token: await tokenFor(identity) });
    await page.locator(`[data-partner-name="${primaryId}"]`).waitFor();
    await ready(page);
    expect(await page.textContent('h1')).toContain(`My channel: ${partner.name}`);
    expect(await navLinks(page)).toEqual(['My channel', 'Network', 'Partners']);
    expect(await page.isVisible('#ide-link')).toBe(false);
    expect(await page.isVisible('#sandbox-link')).toBe(false);
    expect(await page.textContent('#whoami')).toBe(`Primary partner: ${partner.name}`);
    expect(await page.textContent('.facts')).toContain(
      `Before VCSP closed (2024-04-29)${partner.channelStatusBeforeChange === 'LEGACY_MEMBER' ? 'Legacy member' : ''}`,
    );

    const licenceRows = await panel(page, 'Licences').locator('tbody tr').allTextContents();
    expect(licenceRows).toHaveLength(partner.licences.length);
    for (const licence of partner.licences) {
      const row = licenceRows.find((text) => text.startsWith(licence.id))!;
      expect(row).toContain(formatted(licence.availableCores!));
      expect(row).toContain(formatted(licence.allocatedCores!));
    }
    const secondaries = await panel(page, 'Your secondaries').locator('tbody tr td:first-child').allTextContents();
    expect(secondaries.sort()).toEqual(resellerNetwork.secondaries.map((b) => b.secondary.name).sort());
    expect(secondaries.length).toBeGreaterThan(0);
    await panel(page, 'Customers at risk or planning a move').locator('[data-watch-summary]').waitFor();
    expect(
      await panel(page, `Customers (${formatted(partner.customerCount)})`)
        .locator('tbody tr')
        .count(),
    ).toBe(Math.min(25, partner.customerCount));
    expect(await strayNulls(page)).toBe(0);
    await screenshot(page, 'my-channel-primary');

    // A channel-wide view asked for by URL is explained, not sent to the API.
    await page.goto(`${gatewayOrigin()}/#/at-risk`);
    await page.locator('[data-not-for-role="PRIMARY"]').waitFor();
    expect(operations).not.toContain('CustomersAtRisk');
    expect(operations).not.toContain('ChannelOverview');

    // Another partner's page names what the role may not see.
    const otherId = stack.dataset.partners.find((p) => p.id !== primaryId)!.id;
    await page.goto(`${gatewayOrigin()}/#/partner/${otherId}`);
    await page.locator(`[data-partner-name="${otherId}"]`).waitFor();
    expect(await page.textContent('.notice')).toContain('Not shown to your role (FORBIDDEN): licensedCores');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a SECONDARY user which of its customers are at risk or planning a move, as the seeded data says', async () => {
    // An excluded provider with customers still planning to leave it: every customer is at risk, some are moving.
    const pendingFrom = (providerId: string) => {
      const active = new Set(
        stack.dataset.contracts.filter((c) => c.providerId === providerId && c.status === 'ACTIVE').map((c) => c.customerId),
      );
      return new Set(
        stack.dataset.migrations
          .filter((m) => m.fromProviderId === providerId && ['PLANNED', 'IN_PROGRESS'].includes(m.status) && active.has(m.customerId))
          .map((m) => m.customerId),
      );
    };
    const { channelPartners } = await graphqlData(stack.gatewayUrl, ExcludedPartnersAndCustomersDocument, {
      first: 100,
      customersFirst: 1,
    });
    const excluded = channelPartners.edges.map((e) => e.node).reduce((a, b) => (pendingFrom(b.id).size > pendingFrom(a.id).size ? b : a));
    const moving = pendingFrom(excluded.id);
    expect(moving.size).toBeGreaterThan(0);
    const customers = new Set(
      stack.dataset.contracts.filter((c) => c.providerId === excluded.id && c.status === 'ACTIVE').map((c) => c.customerId),
    );

    const { page, context, errors } = await open(`${gatewayOrigin()}/`, {
      token: await tokenFor({ subject: 'dashboard-secondary', role: 'SECONDARY', partnerId: excluded.id }),
    });
    const summary = page.locator('[data-watch-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toBe(
      `${formatted(customers.size)} of ${formatted(customers.size)} customers at risk (served by an excluded provider), ${formatted(moving.size)} planning a move.`,
    );
    const rows = await page
      .locator('[data-table="watch"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ id: tr.children[1].textContent, risk: tr.children[5].textContent, move: tr.children[7].textContent })),
      );
    expect(new Set(rows.map((r) => r.id))).toEqual(customers);
    expect(rows.every((r) => r.risk === 'At risk')).toBe(true);
    expect(new Set(rows.filter((r) => r.move).map((r) => r.id))).toEqual(moving);
    expect(rows.find((r) => r.move)!.move).toMatch(
      /^(Planned|In progress): from .+ to .+ \((Provider excluded|Cost|Sovereignty|Consolidation), decided \d{4}-\d\d-\d\d\)$/,
    );
    expect(await strayNulls(page)).toBe(0);
    await screenshot(page, 'my-channel-excluded-secondary');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('updates the qualifying and non-qualifying counts as the threshold slider moves, and keeps the threshold in the URL', async () => {
    const { page, context, errors } = await open(`${developmentUrl}/#/what-if`);
    const whatIf = async (minLicensedCores: number | null) =>
      (await graphqlData(stack.gatewayUrl, ThresholdWhatIfDocument, { minLicensedCores })).thresholdWhatIf;
    const today = await whatIf(null);
    await page.locator('[data-kpi="whatif:qualifying"]').waitFor();
    expect(numberIn(await page.textContent('[data-kpi="whatif:qualifying"]'))).toBe(today.qualifyingCount);
    expect(await page.inputValue('#threshold')).toBe(String(today.minLicensedCores));

    const lower = await whatIf(1000);
    expect(lower.qualifyingCount).toBeGreaterThan(today.qualifyingCount);
    await page.locator('#threshold').fill('1000');
    await page.waitForFunction(
      (expected) =>
        (globalThis as unknown as PageWindow).document.querySelector('[data-kpi="whatif:qualifying"]')?.textContent === expected,
      formatted(lower.qualifyingCount),
    );
    expect(numberIn(await page.textContent('[data-kpi="whatif:nonQualifying"]'))).toBe(lower.nonQualifyingCount);
    expect(numberIn(await page.textContent('[data-kpi="whatif:customers"]'))).toBe(lower.customersOfNonQualifying);
    expect(numberIn(await page.textContent('[data-kpi="whatif:newlyQualifying"]'))).toBe(lower.newlyQualifying);
    expect(await page.textContent('[data-threshold]')).toBe('1,000');
    expect(page.url()).toMatch(/#\/what-if\?threshold=1000$/);
    await screenshot(page, 'what-if');

    const again = await open(page.url());
    await again.page.locator('[data-kpi="whatif:qualifying"]', { hasText: formatted(lower.qualifyingCount) }).waitFor();
    expect(await again.page.inputValue('#threshold')).toBe('1000');
    await again.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists customers at risk sorted on the server, a page at a time (sort and page in the URL), and exports them all as CSV', async () => {
    const atRisk = async (variables: Record<string, unknown>) =>
      (await graphqlData(stack.gatewayUrl, CustomersAtRiskDocument, variables)).channelOverview.customersAtRisk;
    const biggest = await atRisk({ first: 25 });
    const { page, context, errors } = await open(`${developmentUrl}/#/at-risk`);
    const rowIds = (p: Page = page) =>
      p.locator('[data-table="at-risk"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-contract')));
    await page.locator('[data-table="at-risk"]').waitFor();
    expect(await rowIds()).toEqual(biggest.edges.map((e) => e.node.id));

    const oldest = await atRisk({ first: 25, orderBy: { field: 'STARTS_ON', direction: 'ASC' } });
    await page.click('[data-sort="STARTS_ON"]'); // newest first
    await page.locator('th[aria-sort="descending"] [data-sort="STARTS_ON"]').waitFor();
    await page.click('[data-sort="STARTS_ON"]'); // then oldest first
    await page.locator('th[aria-sort="ascending"] [data-sort="STARTS_ON"]').waitFor();
    expect(await rowIds()).toEqual(oldest.edges.map((e) => e.node.id));

    const secondPage = await atRisk({ first: 25, after: oldest.pageInfo.endCursor, orderBy: { field: 'STARTS_ON', direction: 'ASC' } });
    await page.click('text=Next →');
    await page.locator('[data-page-range]', { hasText: `26–50 of ${formatted(oldest.totalCount)}` }).waitFor();
    expect(await rowIds()).toEqual(secondPage.edges.map((e) => e.node.id));
    expect(page.url()).toContain('#/at-risk?sort=STARTS_ON&dir=ASC&page=2&after=');
    await screenshot(page, 'at-risk');

    // The link reproduces what the sender saw; Back returns to the page before.
    const again = await open(page.url());
    await again.page.locator('[data-page-range]', { hasText: `26–50 of ${formatted(oldest.totalCount)}` }).waitFor();
    expect(await rowIds(again.page)).toEqual(secondPage.edges.map((e) => e.node.id));
    await again.context.close();
    await page.goBack();
    await page.locator('[data-page-range]', { hasText: `1–25 of ${formatted(oldest.totalCount)}` }).waitFor();
    expect(await rowIds()).toEqual(oldest.edges.map((e) => e.node.id));

    const lines = await exported(page, page.locator('[data-export="csv"]'), 'customers-at-risk.csv');
    expect(lines[0]).toBe(
      'contractId,customerId,customer,customerCountry,industry,sovereignCloudRequired,providerId,provider,providerCountry,providerCategory,coresInUse,startsOn,migrationStatus,migrationReason,migrationTo',
    );
    expect(lines).toHaveLength(oldest.totalCount + 1);
    const first = oldest.edges[0]!.node;
    expect(lines[1]?.startsWith(`${first.id},${first.customer.id},`)).toBe(true);
    expect(lines[1]).toContain(`,${first.provider.id},`);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(oldest.totalCount);
    expect(lines.join('\n')).not.toMatch(/,(PROVIDER_EXCLUDED|PUBLIC_SECTOR|SOVEREIGN_CLOUD|IN_PROGRESS),/);
    await page.locator('[data-export-status]', { hasText: `Exported ${formatted(oldest.totalCount)} rows` }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws the channel over time: charts equal to the API, VCSP closing day marked, values on hover, each table as CSV, nothing from another origin', async () => {
    // Every request to another origin is recorded and refused (the page must need none).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const foreign: string[] = [];
    await context.route(
      (url) => ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.origin !== developmentUrl,
      (route) => {
        foreign.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${developmentUrl}/#/over-time`);
    const drawn = () =>
      page.waitForFunction(() => {
        const canvases = [...(globalThis as unknown as PageWindow).document.querySelectorAll('canvas[data-chart]')];
        return canvases.length === 6 && canvases.every((canvas) => (globalThis as unknown as PageWindow).Chart?.getChart(canvas));
      });
    await drawn();

    const { programs } = await graphqlData(stack.gatewayUrl, ProgramMilestonesDocument);
    const launched = programs.find((p) => p.code === 'ADVANTAGE')!.launchedOn;
    const closedOn = programs.find((p) => p.code === 'VCSP')!.closedOn!;
    const { channelTimeline } = await graphqlData(stack.gatewayUrl, ChannelTimelineDocument, { from: launched });
    const periods = channelTimeline.periods;
    expect(channelTimeline.to).toBe(new Date().toISOString().slice(0, 10));
    expect(periods.length).toBeGreaterThan(24);

    // What each chart must show, from the API's answer: one series per status, destination or figure.
    const decided = (p: Period, match: (m: Period['migrationsDecided'][number]) => boolean) =>
      p.migrationsDecided.filter(match).reduce((sum, m) => sum + m.migrations, 0);
    const destinations = [...new Set(periods.flatMap((p) => p.migrationsDecided.map((m) => m.destination)))];
    const statusLabels: Record<string, string> = {
      PRIMARY: 'Primary',
      SECONDARY: 'Secondary',
      LEGACY_MEMBER: 'Legacy member',
      EXCLUDED: 'Excluded',
      NOT_ENROLLED: 'Not enrolled',
    };
    const migrationLabels: Record<string, string> = {
      PLANNED: 'Planned',
      IN_PROGRESS: 'In progress',
      COMPLETED: 'Completed',
      CANCELLED: 'Cancelled',
    };
    const expected: Record<string, Record<string, number[]>> = {
      partners: Object.fromEntries(
        Object.entries(statusLabels).map(([status, name]) => [
          name,
          periods.map((p) => p.partnersByChannelStatus.find((s) => s.status === status)!.partners),
        ]),
      ),
      agreements: { Agreements: periods.map((p) => p.activeAgreements) },
      'allocated-cores': { 'Cores allocated': periods.map((p) => p.allocatedCores) },
      'at-risk': { 'Customers at risk': periods.map((p) => p.customersAtRisk) },
      'migrations-by-destination': Object.fromEntries(
        destinations.map((d) => [d, periods.map((p) => decided(p, (m) => m.destination === d))]),
      ),
      'migrations-by-status': Object.fromEntries(
        Object.entries(migrationLabels).map(([status, name]) => [name, periods.map((p) => decided(p, (m) => m.status === status))]),
      ),
    };
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const monthName = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
    const charts = await page.evaluate(() =>
      [...(globalThis as unknown as PageWindow).document.querySelectorAll('canvas[data-chart]')].map((canvas) => {
        const chart = (globalThis as unknown as PageWindow).Chart!.getChart(canvas)!;
        return {
          id: canvas.dataset.chart as string,
          labels: chart.data.labels,
          series: Object.fromEntries(chart.data.datasets.map((d) => [d.label, d.data])),
          marker: chart.options.plugins.dayMarker.index,
        };
      }),
    );
    const closingPeriod = periods.findIndex((p) => p.startsOn <= closedOn && closedOn <= p.endsOn);
    expect(closingPeriod).toBeGreaterThan(0);
    expect(charts.map((c) => c.id)).toEqual(Object.keys(expected));
    for (const chart of charts) {
      expect({ chart: chart.id, series: chart.series }).toEqual({ chart: chart.id, series: expected[chart.id] });
      expect(chart.labels).toEqual(periods.map((p) => monthName(p.startsOn)));
      expect({ chart: chart.id, marker: chart.marker }).toEqual({ chart: chart.id, marker: closingPeriod });
    }
    // The figures move over the range (a flat line would prove little).
    expect(new Set(expected['at-risk']!['Customers at risk']).size).toBeGreaterThan(3);

    // The closing day is drawn: a dashed dark line down the plot at its period, none at another period.
    const darkPixels = (chartId: string, index: number) =>
      page.evaluate(
        ([id, at]) => {
          const canvas = (globalThis as unknown as PageWindow).document.querySelector(`canvas[data-chart="${id}"]`) as PageCanvas;
          const chart = (globalThis as unknown as PageWindow).Chart!.getChart(canvas)!;
          const ratio = chart.currentDevicePixelRatio;
          const x = chart.scales.x.getPixelForValue(at) * ratio;
          const { top, bottom } = chart.chartArea;
          // The darkest of the pixel columns the 2 px line can fall on (antialiasing greys the others).
          const fractions = [Math.floor(x) - 1, Math.floor(x), Math.floor(x) + 1].map((column) => {
            const pixels = canvas
              .getContext('2d')
              .getImageData(column, Math.round(top * ratio), 1, Math.round((bottom - top) * ratio)).data;
            let dark = 0;
            for (let i = 0; i < pixels.length; i += 4)
              if (pixels[i]! < 60 && pixels[i + 1]! < 60 && pixels[i + 2]! < 80 && pixels[i + 3]! > 200) dark++;
            return dark / (pixels.length / 4);
          });
          return Math.max(...fractions);
        },
        [chartId, index] as const,
      );
    expect(await darkPixels('at-risk', closingPeriod)).toBeGreaterThan(0.4);
    expect(await darkPixels('at-risk', closingPeriod + 6)).toBeLessThan(0.05);
    const captions = await page.locator('figcaption[data-day-marker]').allTextContents();
    expect(captions).toEqual(Array(6).fill('Dashed line: VCSP closed (30 April 2024).'));

    // Hovering a period shows its values.
    const partnersCanvas = page.locator('canvas[data-chart="partners"]');
    await partnersCanvas.scrollIntoViewIfNeeded();
    const box = (await partnersCanvas.boundingBox())!;
    const hovered = 10;
    const point = await page.evaluate((at) => {
      const chart = (globalThis as unknown as PageWindow).Chart!.getChart(
        (globalThis as unknown as PageWindow).document.querySelector('canvas[data-chart="partners"]'),
      )!;
      return { x: chart.scales.x.getPixelForValue(at), y: (chart.chartArea.top + chart.chartArea.bottom) / 2 };
    }, hovered);
    await page.mouse.move(box.x + point.x, box.y + point.y);
    await page.waitForFunction(() => {
      const chart = (globalThis as unknown as PageWindow).Chart!.getChart(
        (globalThis as unknown as PageWindow).document.querySelector('canvas[data-chart="partners"]'),
      )!;
      return chart.tooltip.getActiveElements().length > 0;
    });
    const tooltip = await page.evaluate(() => {
      const chart = (globalThis as unknown as PageWindow).Chart!.getChart(
        (globalThis as unknown as PageWindow).document.querySelector('canvas[data-chart="partners"]'),
      )!;
      return { title: chart.tooltip.title, lines: chart.tooltip.body.flatMap((b) => b.lines) };
    });
    const period = periods[hovered]!;
    expect(tooltip.title[0]).toContain(monthName(period.startsOn));
    expect(tooltip.lines).toEqual(
      Object.entries(statusLabels).map(
        ([status, name]) => `${name}: ${formatted(period.partnersByChannelStatus.find((s) => s.status === status)!.partners)}`,
      ),
    );

    // Each chart's table exports its figures.
    const atRiskCsv = await exported(page, panel(page, 'Customers at risk').locator('[data-export]'), 'over-time-at-risk.csv');
    expect(atRiskCsv).toEqual([
      'Month,From,To,Customers at risk',
      ...periods.map((p) => `${monthName(p.startsOn)},${p.startsOn},${p.endsOn},${p.customersAtRisk}`),
    ]);
    const partnersCsv = await exported(page, panel(page, 'Partners by channel status').locator('[data-export]'), 'over-time-partners.csv');
    expect(partnersCsv).toEqual([
      `Month,From,To,${Object.values(statusLabels).join(',')}`,
      ...periods.map((p, i) =>
        [monthName(p.startsOn), p.startsOn, p.endsOn, ...Object.values(expected.partners!).map((s) => s[i])].join(','),
      ),
    ]);

    // Weeks instead of months: the choice goes into the URL, and the charts follow the API's weekly answer.
    await page.getByLabel('Weeks').check();
    await page.waitForURL('**/#/over-time?interval=WEEK');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageWindow).document.querySelector('canvas[data-chart]') &&
        (globalThis as unknown as PageWindow).document.querySelector('.view[data-ready]'),
    );
    await drawn();
    const weekly = await graphqlData(stack.gatewayUrl, ChannelTimelineDocument, { from: launched, interval: 'WEEK' });
    const weeklyAtRisk = await page.evaluate(() => {
      const chart = (globalThis as unknown as PageWindow).Chart!.getChart(
        (globalThis as unknown as PageWindow).document.querySelector('canvas[data-chart="at-risk"]'),
      )!;
      return chart.data.datasets[0]!.data;
    });
    expect(weeklyAtRisk).toEqual(weekly.channelTimeline.periods.map((p) => p.customersAtRisk));
    expect(weeklyAtRisk.length).toBeGreaterThan(periods.length * 4);

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches and filters the partner directory with the search, filter and page in the URL, and exports every match', async () => {
    const { page, context, errors } = await open(`${developmentUrl}/#/partners`);
    await ready(page);
    await page.fill('input[type=search]', 'a');
    await page.selectOption('select[aria-label="Channel status"]', 'EXCLUDED');
    const filter = { nameContains: 'a', channelStatus: 'EXCLUDED' as const };
    const { partners } = await graphqlData(stack.gatewayUrl, PartnerDirectoryDocument, { filter, first: 25 });
    expect(partners.totalCount).toBeGreaterThan(25);
    await page.locator('[data-page-range]', { hasText: `1–25 of ${formatted(partners.totalCount)}` }).waitFor();
    expect(await strayNulls(page)).toBe(0);
    await page.click('text=Next →');
    await page.locator('[data-page-range]', { hasText: `26–` }).waitFor();
    expect(page.url()).toMatch(/#\/partners\?q=a&status=EXCLUDED&page=2&after=/);
    const { partners: second } = await graphqlData(stack.gatewayUrl, PartnerDirectoryDocument, {
      filter,
      first: 25,
      after: partners.pageInfo.endCursor,
    });
    const again = await open(page.url());
    await again.page.locator('[data-page-range]', { hasText: `26–` }).waitFor();
    expect(await again.page.inputValue('input[type=search]')).toBe('a');
    expect(await again.page.inputValue('select[aria-label="Channel status"]')).toBe('EXCLUDED');
    expect(await again.page.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(second.edges.map((e) => e.node.id));
    await again.context.close();

    const lines = await exported(page, page.locator('[data-file="partners.csv"]'), 'partners.csv');
    expect(lines[0]).toBe('Partner,Id,Status,Country,Region,Category,Licensed cores,Customers');
    expect(lines).toHaveLength(partners.totalCount + 1);
    expect(lines.slice(1).every((line) => line.includes(',Excluded,'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Every view: its route, how it is opened, and whose token. */
const VIEWS: Array<{ name: string; route: () => Promise<string>; as?: () => Promise<Identity> }> = [
  { name: 'overview', route: async () => '#/' },
  { name: 'over-time', route: async () => '#/over-time' },
  { name: 'over-time-weekly', route: async () => '#/over-time?interval=WEEK' },
  { name: 'network', route: async () => '#/network' },
  { name: 'partners', route: async () => '#/partners' },
  { name: 'partner', route: async () => `#/partner/${await aPrimary()}` },
  { name: 'at-risk', route: async () => '#/at-risk' },
  { name: 'what-if', route: async () => '#/what-if' },
  {
    name: 'my-channel',
    route: async () => '#/',
    as: async () => ({ subject: 'dashboard-views', role: 'PRIMARY', partnerId: await aPrimary() }),
  },
];

describeWith('chromium')('every view', () => {
  it('has a label for every value of every enum the API shows', async () => {
    const schema = buildSchema(fs.readFileSync(path.join(projectRoot(), 'client', 'api-schema.graphql'), 'utf8'));
    const shown = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLEnumType =>
        isEnumType(type) && !type.name.startsWith('__') && !/OrderField$|^OrderDirection$|^UserErrorCode$/.test(type.name),
    );
    const { page, context } = await open(`${developmentUrl}/`);
    // A string, so that jest's transform leaves the browser's own import() alone.
    const labels = await page.evaluate<Record<string, Record<string, string>>>(
      'import("/dashboard/labels.js").then((module) => module.LABELS)',
    );
    for (const type of shown) {
      expect({ type: type.name, values: Object.keys(labels[type.name] ?? {}).sort() }).toEqual({
        type: type.name,
        values: type
          .getValues()
          .map((v) => v.name)
          .sort(),
      });
    }
    await context.close();
  });

  it('passes axe-core (no serious or critical violation), fits 1280 and 390 px, shows no raw enum value, and is screenshotted at both widths', async () => {
    const schema = buildSchema(fs.readFileSync(path.join(projectRoot(), 'client', 'api-schema.graphql'), 'utf8'));
    // Uppercase enum names (PUBLIC_SECTOR, ACTIVE…) never reach the page; program codes do, inside their labels.
    const rawValues = Object.values(schema.getTypeMap())
      .filter(
        (type): type is GraphQLEnumType =>
          isEnumType(type) && !type.name.startsWith('__') && !/OrderField$|^OrderDirection$|^UserErrorCode$/.test(type.name),
      )
      .flatMap((type) => type.getValues().map((v) => v.name))
      .filter((value) => !['VCSP', 'VCPP'].includes(value));
    const raw = new RegExp(`\\b(${[...new Set(rawValues)].join('|')})\\b`);
    for (const view of VIEWS) {
      const token = view.as ? await tokenFor(await view.as()) : null;
      const { page, context, errors } = await open(`${token ? gatewayOrigin() : developmentUrl}/${await view.route()}`, { token });
      await ready(page);
      await page.waitForTimeout(200); // late tables (the watch list) and the graph's layout
      const violations = await page.evaluate(async () => {
        const result = await (globalThis as unknown as PageWindow).axe.run((globalThis as unknown as PageWindow).document, {
          resultTypes: ['violations'],
        });
        return result.violations
          .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect({ view: view.name, violations }).toEqual({ view: view.name, violations: [] });
      expect({ view: view.name, raw: raw.exec(await page.innerText('main'))?.[0] ?? null }).toEqual({ view: view.name, raw: null });
      // Every table on the view can be exported.
      expect(await page.locator('.table-wrap').count()).toBe(await page.locator('.table-block:has(.table-wrap) [data-export]').count());
      await screenshot(page, `view-${view.name}-1280`);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(200);
      const overflow = await page.evaluate(() => (globalThis as unknown as PageWindow).document.documentElement.scrollWidth);
      expect({ view: view.name, scrollWidth: overflow }).toEqual({ view: view.name, scrollWidth: 390 });
      await screenshot(page, `view-${view.name}-390`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('works by keyboard: skip link, navigation, search, a partner page, sorting and paging, the slider', async () => {
    const { page, context, errors } = await open(`${developmentUrl}/`);
    await ready(page);
    const focused = () => page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.textContent?.trim() ?? '');
    const tabTo = async (text: string | RegExp, limit = 40) => {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press('Tab');
        const now = await focused();
        if (typeof text === 'string' ? now === text : text.test(now)) return;
      }
      throw new Error(`Tab never reached ${text}`);
    };

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.id)).toBe('view');

    await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement!.blur());
    await tabTo('Partners');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/#/partners');
    await ready(page);
    await page.keyboard.press('Tab'); // focus moved to the view: the search box comes first
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.getAttribute('aria-label'))).toBe(
      'Name contains',
    );
    const { partners } = await graphqlData(stack.gatewayUrl, PartnerDirectoryDocument, { filter: { nameContains: 'ar' }, first: 25 });
    await page.keyboard.type('ar');
    await page.locator('[data-page-range]', { hasText: `of ${formatted(partners.totalCount)}` }).waitFor();
    const firstName = partners.edges[0]!.node.name;
    await tabTo(firstName);
    await page.keyboard.press('Enter');
    await page.locator(`[data-partner-name="${partners.edges[0]!.node.id}"]`).waitFor();

    await page.goto(`${developmentUrl}/#/at-risk`);
    await page.locator('[data-table="at-risk"]').waitFor();
    await tabTo(/^Since/);
    await page.keyboard.press('Enter');
    await page.locator('th[aria-sort="descending"] [data-sort="STARTS_ON"]').waitFor();
    await tabTo('Next →');
    await page.keyboard.press('Enter');
    await page.locator('[data-page-range]', { hasText: '26–50 of' }).waitFor();

    await page.goto(`${developmentUrl}/#/what-if`);
    await page.locator('[data-kpi="whatif:qualifying"]').waitFor();
    await page.focus('#threshold');
    const before = Number(await page.inputValue('#threshold'));
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(`**/#/what-if?threshold=${before + 250}`);
    await page.locator('[data-threshold]', { hasText: formatted(before + 250) }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
