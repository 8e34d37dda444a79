import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningService } from '../common/http';
import { startGateway } from '../gateway/gateway';
import { artifactsDirectory, launchBrowser, pageErrors } from './kit/browser';
import { graphqlData, operation } from './kit/client';
import { ANALYST, startTestStack, type TestStack } from './kit/stack';

/**
 * The dashboard in a real (headless) Chromium against the whole stack: every figure it shows is
 * checked against the API's own answer to the same question.
 */
const store = process.env.CHANNEL_STORE ?? 'sqlite';
const formatted = (n: number) => n.toLocaleString('en-US');
const numberIn = (text: string | null) => Number((text ?? '').replace(/,/g, ''));

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
  browser = await launchBrowser();
  artifacts = artifactsDirectory('dashboard');
});

afterAll(async () => {
  await browser?.close();
  await development?.close();
  await stack?.stop();
});

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const errors = pageErrors(page);
  await page.goto(url);
  return { page, errors };
}

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `${store}-${name}.png`), fullPage: true });
const gatewayOrigin = () => stack.gatewayUrl.replace(/\/graphql$/, '');

describe('serving', () => {
  it('serves the dashboard at / and cytoscape locally, and /graphql keeps its auth rules and Sandbox page', async () => {
    const home = await fetch(`${gatewayOrigin()}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await home.text()).toContain('<title>Channel Graph</title>');

    const cytoscape = await fetch(`${gatewayOrigin()}/vendor/cytoscape.min.js`);
    expect(cytoscape.status).toBe(200);
    expect(cytoscape.headers.get('content-type')).toMatch(/javascript/);

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
    expect(names).toHaveLength(12);
    for (const name of names) expect(page).toContain(`query ${name}`);
    expect(page).toContain('Bearer ey');
  });
});

describe('in the browser', () => {
  it('asks for a token when none is offered, shows the API refusing a bad one, and works with a pasted one', async () => {
    const { page, errors } = await openPage(`${gatewayOrigin()}/`);
    await page.locator('#token-form').waitFor({ state: 'visible' });
    await page.locator('.error', { hasText: 'No token yet' }).waitFor();

    await page.fill('#token-input', 'not-a-token');
    await page.click('#token-form button[type=submit]');
    // This refusal comes from the gateway (HTTP 401), not from the page.
    await page.locator('.error', { hasText: 'The bearer token is not a JWT.' }).waitFor();
    await screenshot(page, 'bad-token');

    const token = (await stack.authorization(ANALYST)).authorization.replace(/^Bearer /, '');
    await page.click('#token-button');
    await page.fill('#token-input', token);
    await page.click('#token-form button[type=submit]');
    await page.locator('[data-kpi="partners"]').waitFor();
    expect(numberIn(await page.textContent('[data-kpi="partners"]'))).toBe(stack.dataset.partners.length);
    expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('channel-graph.token'))).toBe(token);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows KPI tiles equal to the API answer for channelOverview', async () => {
    const { page, errors } = await openPage(`${developmentUrl}/`);
    await page.locator('[data-kpi="customersAtRisk"]').waitFor();
    const { channelOverview: o } = await graphqlData(stack.gatewayUrl, operation('ChannelOverview'));
    const tile = async (kpi: string) => numberIn(await page.textContent(`[data-kpi="${kpi}"]`));

    expect(await tile('partners')).toBe(o.partnerCount);
    for (const { status, partners } of o.partnersByChannelStatus) expect(await tile(`partners:${status}`)).toBe(partners);
    expect(await tile('licensedCores')).toBe(o.licensedCores);
    expect(await tile('allocatedCores')).toBe(o.allocatedCores);
    expect(await tile('activeAgreements')).toBe(o.activeAgreements);
    expect(await tile('customers')).toBe(o.customerCount);
    const atRisk = o.customersByProviderStatus.find((s: { providerStatus: string }) => s.providerStatus === 'EXCLUDED').customers;
    expect(atRisk).toBeGreaterThan(0);
    expect(await tile('customersAtRisk')).toBe(atRisk);
    expect(await tile('migrations')).toBe(o.migrationsByReason.reduce((sum: number, m: { migrations: number }) => sum + m.migrations, 0));
    expect(await page.isVisible('#sandbox-link')).toBe(true);
    expect(await page.textContent('#token-button')).toBe('Token: development');
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the relationship graph a page of agreements at a time, and a click on a provider opens its page', async () => {
    const { page, errors } = await openPage(`${developmentUrl}/#/network`);
    await page.locator('[data-graph-status][data-nodes]').waitFor();
    const { whiteLabelAgreements } = await graphqlData(stack.gatewayUrl, operation('WhoResellsWhatToWhom'), { first: 20 });
    const providers = new Set(whiteLabelAgreements.edges.flatMap(({ node }: any) => [node.primary.id, node.secondary.id]));
    const drawn = await page.evaluate(() => {
      const cy = (globalThis as any).channelGraph;
      return {
        providers: cy
          .nodes('[kind = "partner"]')
          .map((n: any) => n.data('partnerId'))
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
    await screenshot(page, 'network');

    // Without customers, more agreements fit under the node cap.
    await page.selectOption('#customers-per-secondary', '0');
    await page
      .locator('[data-graph-status]', {
        hasText: `20 of ${formatted(whiteLabelAgreements.totalCount)} active agreements: ${providers.size} providers, 0 customers`,
      })
      .waitFor();
    await page.click('text=Load 20 more agreements');
    await page.locator('[data-graph-status]', { hasText: `40 of ${formatted(whiteLabelAgreements.totalCount)}` }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).channelGraph.nodes('[kind = "customer"]').length)).toBe(0);

    // A real click on the canvas, where cytoscape drew the biggest primary.
    const target = await page.evaluate(() => {
      const cy = (globalThis as any).channelGraph;
      const node = cy.nodes('[kind = "partner"][status = "PRIMARY"]').max((n: any) => n.data('size')).ele;
      const { x, y } = node.renderedPosition();
      return { id: node.data('partnerId') as string, name: node.data('label') as string, x, y };
    });
    const box = (await page.locator('#network-graph').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForURL(`**/#/partner/${target.id}`);
    await page.locator(`[data-partner-name="${target.id}"]`).waitFor();
    expect(await page.textContent('h1')).toContain(target.name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a partner page with memberships, licences, agreements, allocations, customers and the at-risk flag', async () => {
    // The excluded partner with the most customers: more than one page of them.
    const { channelPartners } = await graphqlData(stack.gatewayUrl, operation('ExcludedPartnersAndCustomers'), {
      first: 100,
      customersFirst: 1,
    });
    const excluded = channelPartners.edges.map((e: any) => e.node).reduce((a: any, b: any) => (b.customerCount > a.customerCount ? b : a));
    expect(excluded.customerCount).toBeGreaterThan(25);
    const { partner } = await graphqlData(
      stack.gatewayUrl,
      fs.readFileSync(path.join(__dirname, '..', 'dashboard', 'operations', 'PartnerDetail.graphql'), 'utf8'),
      { id: excluded.id },
    );

    const { page, errors } = await openPage(`${developmentUrl}/#/partner/${excluded.id}`);
    await page.locator(`[data-partner-name="${excluded.id}"]`).waitFor();
    expect(await page.textContent('h1')).toContain(partner.name);
    expect(await page.textContent('[data-at-risk]')).toContain(`${formatted(partner.customerCount)} customers`);
    const panel = (title: string) => page.locator('section.panel', { has: page.locator('h2', { hasText: title }) });
    expect(await panel('Program memberships').locator('tbody tr').count()).toBe(partner.memberships.length);
    expect(await panel('Licences').locator('tbody tr').count()).toBe(partner.licences.length);
    expect(
      await panel(`Customers (${formatted(partner.customerCount)})`)
        .locator('tbody tr')
        .count(),
    ).toBe(25);
    await screenshot(page, 'partner-excluded');

    // The next page of customers, then a primary: agreements and allocations granted.
    await panel('Customers').locator('button', { hasText: 'Next' }).click();
    await panel('Customers')
      .locator('.pager', { hasText: `26–${Math.min(50, partner.customerCount)} of` })
      .waitFor();

    const { whiteLabelAgreements } = await graphqlData(stack.gatewayUrl, operation('WhoResellsWhatToWhom'), { first: 1 });
    const primaryId = whiteLabelAgreements.edges[0].node.primary.id;
    const { partner: primary } = await graphqlData(
      stack.gatewayUrl,
      fs.readFileSync(path.join(__dirname, '..', 'dashboard', 'operations', 'PartnerDetail.graphql'), 'utf8'),
      { id: primaryId },
    );
    await page.goto(`${developmentUrl}/#/partner/${primaryId}`);
    await page.locator(`[data-partner-name="${primaryId}"]`).waitFor();
    expect(await page.locator('[data-at-risk]').count()).toBe(0);
    expect(await panel('White-label agreements').locator('tbody tr').count()).toBe(primary.whiteLabelAgreements.length);
    expect(await panel('Cores allocated to secondaries').locator('tbody tr').count()).toBe(primary.allocationsGranted.length);
    expect(primary.allocationsGranted.length).toBeGreaterThan(0);
    await screenshot(page, 'partner-primary');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a partner role its own partner, names the fields it may not see of another, and the channel-wide views' refusal", async () => {
    const { whiteLabelAgreements } = await graphqlData(stack.gatewayUrl, operation('WhoResellsWhatToWhom'), { first: 1 });
    const primaryId = whiteLabelAgreements.edges[0].node.primary.id;
    const { channelPartners } = await graphqlData(stack.gatewayUrl, operation('ExcludedPartnersAndCustomers'), {
      first: 1,
      customersFirst: 1,
    });
    const otherId = channelPartners.edges[0].node.id;
    const token = (
      await stack.authorization({ subject: 'dashboard-primary', role: 'PRIMARY', partnerId: primaryId })
    ).authorization.replace(/^Bearer /, '');

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = pageErrors(page);
    await page.addInitScript((saved) => (globalThis as any).localStorage.setItem('channel-graph.token', saved), token);
    await page.goto(`${gatewayOrigin()}/#/partner/${primaryId}`);
    await page.locator(`[data-partner-name="${primaryId}"]`).waitFor();
    expect(await page.locator('.notice').count()).toBe(0);

    await page.goto(`${gatewayOrigin()}/#/partner/${otherId}`);
    await page.locator(`[data-partner-name="${otherId}"]`).waitFor();
    expect(await page.textContent('.notice')).toContain('Not shown to your role (FORBIDDEN): licensedCores');

    await page.goto(`${gatewayOrigin()}/#/`);
    await page.locator('.error', { hasText: 'FORBIDDEN' }).waitFor();
    await screenshot(page, 'primary-role');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('updates the qualifying and non-qualifying counts as the threshold slider moves', async () => {
    const { page, errors } = await openPage(`${developmentUrl}/#/what-if`);
    const whatIf = async (minLicensedCores: number | null) =>
      (await graphqlData(stack.gatewayUrl, operation('ThresholdWhatIf'), { minLicensedCores })).thresholdWhatIf;
    const today = await whatIf(null);
    await page.locator('[data-kpi="whatif:qualifying"]').waitFor();
    expect(numberIn(await page.textContent('[data-kpi="whatif:qualifying"]'))).toBe(today.qualifyingCount);
    expect(await page.inputValue('#threshold')).toBe(String(today.minLicensedCores));

    const lower = await whatIf(1000);
    expect(lower.qualifyingCount).toBeGreaterThan(today.qualifyingCount);
    await page.locator('#threshold').fill('1000');
    await page.waitForFunction(
      (expected) => (globalThis as any).document.querySelector('[data-kpi="whatif:qualifying"]')?.textContent === expected,
      formatted(lower.qualifyingCount),
    );
    expect(numberIn(await page.textContent('[data-kpi="whatif:nonQualifying"]'))).toBe(lower.nonQualifyingCount);
    expect(numberIn(await page.textContent('[data-kpi="whatif:customers"]'))).toBe(lower.customersOfNonQualifying);
    expect(numberIn(await page.textContent('[data-kpi="whatif:newlyQualifying"]'))).toBe(lower.newlyQualifying);
    expect(await page.textContent('[data-threshold]')).toBe('1,000');
    await screenshot(page, 'what-if');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists customers at risk sorted on the server, a page at a time, and exports them all as CSV', async () => {
    const atRisk = async (variables: Record<string, unknown>) =>
      (await graphqlData(stack.gatewayUrl, operation('CustomersAtRisk'), variables)).channelOverview.customersAtRisk;
    const biggest = await atRisk({ first: 25 });
    const { page, errors } = await openPage(`${developmentUrl}/#/at-risk`);
    const rowIds = () =>
      page.locator('[data-table="at-risk"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-contract')));
    await page.locator('[data-table="at-risk"]').waitFor();
    expect(await rowIds()).toEqual(biggest.edges.map((e: any) => e.node.id));

    const oldest = await atRisk({ first: 25, orderBy: { field: 'STARTS_ON', direction: 'ASC' } });
    await page.click('[data-sort="STARTS_ON"]'); // newest first
    await page.locator('[data-sort="STARTS_ON"][aria-sort="descending"]').waitFor();
    await page.click('[data-sort="STARTS_ON"]'); // then oldest first
    await page.locator('[data-sort="STARTS_ON"][aria-sort="ascending"]').waitFor();
    expect(await rowIds()).toEqual(oldest.edges.map((e: any) => e.node.id));

    const secondPage = await atRisk({ first: 25, after: oldest.pageInfo.endCursor, orderBy: { field: 'STARTS_ON', direction: 'ASC' } });
    await page.click('text=Next →');
    await page.locator('[data-page-range]', { hasText: `26–50 of ${formatted(oldest.totalCount)}` }).waitFor();
    expect(await rowIds()).toEqual(secondPage.edges.map((e: any) => e.node.id));
    await screenshot(page, 'at-risk');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="csv"]')]);
    expect(download.suggestedFilename()).toBe('customers-at-risk.csv');
    const file = path.join(artifacts, `${store}-customers-at-risk.csv`);
    await download.saveAs(file);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'contractId,customerId,customer,customerCountry,industry,sovereignCloudRequired,providerId,provider,providerCountry,providerCategory,coresInUse,startsOn,migrationStatus,migrationReason,migrationTo',
    );
    expect(lines).toHaveLength(oldest.totalCount + 1);
    const first = oldest.edges[0].node;
    expect(lines[1]?.startsWith(`${first.id},${first.customer.id},`)).toBe(true);
    expect(lines[1]).toContain(`,${first.provider.id},`);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(oldest.totalCount);
    await page.locator('[data-export-status]', { hasText: `Exported ${formatted(oldest.totalCount)} rows` }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
