import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { SubgraphName } from '../common/config';
import { projectRoot } from '../common/paths';
import { importDirectory, type ImportOptions, type ImportReport } from '../bulk-import/bulk-import';
import { graphqlData, type Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { ChannelOverviewDocument, CustomersAtRiskDocument, WhoResellsWhatToWhomDocument } from '../client/generated/graphql';

const EXAMPLES = path.join(projectRoot(), 'examples', 'csv-import');
const TABLES: Record<SubgraphName, string[]> = {
  partners: ['partners'],
  programs: ['programs', 'program_memberships'],
  licences: ['licences', 'white_label_agreements', 'licence_allocations'],
  customers: ['end_customers', 'service_contracts', 'customer_migrations'],
};

/** A copy of the example files, with some lines replaced: `{ 'allocations.csv': { 3: 'new line' } }` (line 1 is the header). */
function examplesWith(changes: Record<string, Record<number, string>> = {}, extraFiles: Record<string, string> = {}): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-import-'));
  for (const file of fs.readdirSync(EXAMPLES)) {
    const lines = fs.readFileSync(path.join(EXAMPLES, file), 'utf8').split('\n');
    for (const [line, text] of Object.entries(changes[file] ?? {})) lines[Number(line) - 1] = text;
    fs.writeFileSync(path.join(directory, file), lines.join('\n'));
  }
  for (const [file, content] of Object.entries(extraFiles)) fs.writeFileSync(path.join(directory, file), content);
  return directory;
}

function exampleLine(file: string, line: number): string {
  return fs.readFileSync(path.join(EXAMPLES, file), 'utf8').split('\n')[line - 1] ?? '';
}

describe(`bulk import of CSV files (${storeLabel()})`, () => {
  let stack: TestStack;
  const run = (directory: string, options: Partial<ImportOptions> = {}): Promise<ImportReport> =>
    importDirectory(directory, stack.dataSources, { actor: 'csv-import:test', ...options });
  /** Rows and audit events in every table: the whole store's content, counted. */
  const storeCounts = async () => {
    const counts: Record<string, number> = {};
    for (const [subgraph, tables] of Object.entries(TABLES) as Array<[SubgraphName, string[]]>) {
      for (const table of [...tables, 'audit_events']) {
        const [{ n }] = await stack.dataSources[subgraph].query(`SELECT COUNT(*) AS n FROM ${table}`);
        counts[`${subgraph}.${table}`] = Number(n);
      }
    }
    return counts;
  };
  const nothingStored = (counts: Record<string, number>) => Object.values(counts).every((count) => count === 0);

  beforeAll(async () => {
    stack = await startTestStack(null);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('with one bad row in the middle, imports nothing into the empty store and names the row', async () => {
    const badLine = 4;
    const directory = examplesWith({
      'allocations.csv': { [badLine]: exampleLine('allocations.csv', badLine).replace(',200,', ',50000,') },
    });
    const report = await run(directory);
    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([
      {
        file: 'allocations.csv',
        line: badLine,
        column: 'cores',
        reason: 'RULE_VIOLATION: Asked for 50000 cores, but licence "lic-boreal-1" has 4000 of 4000 available.',
      },
    ]);
    expect(nothingStored(await storeCounts())).toBe(true);
  });

  it('reports malformed cells and files by file, line and column before touching the store', async () => {
    const directory = examplesWith(
      {
        'partners.csv': { 3: 'ptn-boreal,Boreal Hosting,DE,EUROPE,REGIONAL_CLOUD,' },
        'contracts.csv': { 4: 'ctr-sud,cus-sud,ptn-cirrus,,alc-cirrus-1,500,2024-02-30,,ACTIVE' },
        'agreements.csv': { 3: 'wla-aurora-glacier,ptn-aurora,ptn-glacier,2024-09-15,,TERMINATED' },
      },
      { 'customer.csv': 'id\n' },
    );
    const report = await run(directory);
    expect(report.committed).toBe(false);
    expect(report.problems.map(({ file, line, column }) => ({ file, line, column }))).toEqual([
      { file: 'partners.csv', line: 3, column: 'region' },
      { file: 'agreements.csv', line: 3, column: 'endsOn' },
      { file: 'contracts.csv', line: 4, column: 'startsOn' },
      { file: 'customer.csv', line: 0, column: null },
    ]);
    expect(report.problems[0]?.reason).toBe('"EUROPE" is not one of AMER, EMEA, APJ.');
    expect(report.problems[3]?.reason).toMatch(/is not a file the import reads; the files are partners\.csv, /);
    expect(nothingStored(await storeCounts())).toBe(true);
  });

  it('imports the example files through the rules, and the API answers what they describe', async () => {
    const progress: number[] = [];
    const report = await run(EXAMPLES, { onProgress: ({ done, total }) => progress.push(done / total) });
    expect(report.problems).toEqual([]);
    expect(report.committed).toBe(true);
    expect(report.addedProgramCatalogue).toBe(true);
    expect(report.files.map(({ file, created }) => [file, created])).toEqual([
      ['partners.csv', 7],
      ['licences.csv', 3],
      ['memberships.csv', 14],
      ['agreements.csv', 3],
      ['allocations.csv', 4],
      ['customers.csv', 7],
      ['contracts.csv', 8],
      ['migrations.csv', 3],
    ]);
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);

    const { partners } = await graphqlData<{
      partners: { edges: Edges<{ id: string; channelStatus: string; licensedCores: number | null }> };
    }>(stack.gatewayUrl, '{ partners(first: 50) { edges { node { id channelStatus licensedCores } } } }');
    expect(Object.fromEntries(partners.edges.map(({ node }) => [node.id, [node.channelStatus, node.licensedCores]]))).toEqual({
      'ptn-aurora': ['PRIMARY', 6000],
      'ptn-boreal': ['PRIMARY', 4000],
      'ptn-cirrus': ['SECONDARY', 0],
      'ptn-delta': ['EXCLUDED', 400],
      'ptn-estuary': ['SECONDARY', 0],
      'ptn-fjord': ['LEGACY_MEMBER', 0],
      'ptn-glacier': ['EXCLUDED', 0],
    });

    const { whiteLabelAgreements } = await graphqlData(stack.gatewayUrl, WhoResellsWhatToWhomDocument);
    const resold = whiteLabelAgreements.edges.map(({ node }) => ({
      primary: node.primary.id,
      secondary: node.secondary.id,
      allocations: node.allocations.map((a) => [a.id, a.cores, a.licence.id, a.contracts.map((c) => c.customer.id)]),
    }));
    expect(resold.sort((a, b) => a.primary.localeCompare(b.primary))).toEqual([
      { primary: 'ptn-aurora', secondary: 'ptn-cirrus', allocations: [['alc-cirrus-1', 1200, 'lic-aurora-1', ['cus-sud']]] },
      {
        primary: 'ptn-boreal',
        secondary: 'ptn-estuary',
        allocations: [
          ['alc-estuary-0', 200, 'lic-boreal-1', []],
          ['alc-estuary-1', 800, 'lic-boreal-1', ['cus-skole']],
        ],
      },
    ]);

    const { channelOverview } = await graphqlData(stack.gatewayUrl, CustomersAtRiskDocument);
    expect(
      channelOverview.customersAtRisk.edges
        .map(({ node }) => [node.customer.id, node.provider.id, node.plannedMigration?.to?.id ?? node.plannedMigration?.alternativeVendor])
        .sort(),
    ).toEqual([
      ['cus-iberia', 'ptn-delta', 'Nutanix'],
      ['cus-sol', 'ptn-delta', 'ptn-cirrus'],
    ]);
    const overview = (await graphqlData(stack.gatewayUrl, ChannelOverviewDocument)).channelOverview;
    expect({
      licensed: overview.licensedCores,
      allocated: overview.allocatedCores,
      agreements: overview.activeAgreements,
      customers: overview.customerCount,
    }).toEqual({
      licensed: 10_400,
      allocated: 2_000,
      agreements: 2,
      customers: 7,
    });

    // The history the rows describe: the glacier agreement ended, its allocation and contract with it.
    const { whiteLabelAgreement } = await graphqlData(
      stack.gatewayUrl,
      '{ whiteLabelAgreement(id: "wla-aurora-glacier") { status endsOn allocations { id status endsOn } } }',
    );
    expect(whiteLabelAgreement).toEqual({
      status: 'TERMINATED',
      endsOn: '2025-06-30',
      allocations: [{ id: 'alc-glacier-1', status: 'RELEASED', endsOn: '2025-06-30' }],
    });
    const { licencesAuditTrail } = await graphqlData<{ licencesAuditTrail: { edges: Edges<{ action: string; actorSubject: string }> } }>(
      stack.gatewayUrl,
      '{ licencesAuditTrail(filter: { entityId: "wla-aurora-glacier" }) { edges { node { action actorSubject } } } }',
    );
    expect(licencesAuditTrail.edges.map(({ node }) => [node.action, node.actorSubject]).sort()).toEqual([
      ['signWhiteLabelAgreement', 'csv-import:test'],
      ['terminateWhiteLabelAgreement', 'csv-import:test'],
    ]);
  });

  it('importing the same files again changes nothing', async () => {
    const before = await storeCounts();
    const report = await run(EXAMPLES);
    expect(report.problems).toEqual([]);
    expect(report.files.every(({ rows, unchanged, created }) => unchanged === rows && created === 0)).toBe(true);
    expect(await storeCounts()).toEqual(before);
  });

  it('refuses a row whose id is stored with other values, and a row that breaks a rule against stored data, writing nothing', async () => {
    const before = await storeCounts();
    const directory = examplesWith(
      { 'customers.csv': { 2: 'cus-lario,Banca del Lario,CH,FINANCIAL_SERVICES,true' } },
      { 'licences.csv': 'id,holderId,product,cores,startsOn,endsOn\nlic-new,ptn-nobody,VSPHERE_STANDARD,100,2026-01-01,2027-01-01\n' },
    );
    const report = await run(directory);
    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([
      { file: 'licences.csv', line: 2, column: 'holderId', reason: 'NOT_FOUND: Partner "ptn-nobody" was not found.' },
      {
        file: 'customers.csv',
        line: 2,
        column: 'country',
        reason: expect.stringMatching(
          /^"cus-lario" already exists with country "IT", not "CH": the import adds records and never changes stored ones/,
        ),
      },
    ]);
    expect(await storeCounts()).toEqual(before);
  });

  it('with --keep-good-rows, leaves out the bad rows and what depends on them and imports the rest', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-import-'));
    fs.writeFileSync(
      path.join(directory, 'partners.csv'),
      'id,name,country,region,category,website\nptn-new,New Cloud,PT,EMEA,REGIONAL_CLOUD,\nptn-bad,Bad Cloud,Portugal,EMEA,REGIONAL_CLOUD,\n',
    );
    fs.writeFileSync(
      path.join(directory, 'licences.csv'),
      'id,holderId,product,cores,startsOn,endsOn\nlic-new,ptn-new,VSPHERE_STANDARD,100,2026-01-01,2027-01-01\nlic-bad,ptn-bad,VSPHERE_STANDARD,100,2026-01-01,2027-01-01\n',
    );
    const report = await run(directory, { keepGoodRows: true });
    expect(report.committed).toBe(true);
    expect(report.leftOut).toBe(2);
    expect(report.problems.map(({ file, line, column }) => [file, line, column])).toEqual([
      ['partners.csv', 3, 'country'],
      ['licences.csv', 3, 'holderId'],
    ]);
    const { partners } = await graphqlData<{ partners: { edges: Edges<{ id: string; licensedCores: number | null }> } }>(
      stack.gatewayUrl,
      '{ partners(filter: { nameContains: "Cloud" }, first: 50) { edges { node { id licensedCores } } } }',
    );
    const imported = partners.edges.map(({ node }) => node).filter(({ id }) => ['ptn-new', 'ptn-bad'].includes(id));
    expect(imported).toEqual([{ id: 'ptn-new', licensedCores: 100 }]);
  });

  it('`npm run import` reports problems on stderr with file:line (column) and exits 1', () => {
    const directory = examplesWith({ 'customers.csv': { 4: 'cus-sud,Hôpital du Sud,FR,HEALTHCARE,maybe' } });
    const env = { ...process.env, ...storeEnv(stack), LOG_LEVEL: 'silent' };
    const result = spawnSync(process.execPath, [path.join(projectRoot(), 'dist', 'scripts', 'import.js'), directory], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toContain('customers.csv:4 (column sovereignCloudRequired): "maybe" is not true or false.');
    expect(result.stderr).toContain('Nothing written');
    expect(result.status).toBe(1);
  });
});

/** The environment that points the import command at the test stack's store. */
function storeEnv(stack: TestStack): Record<string, string> {
  const store = stack.config.store;
  return store.kind === 'sqlite'
    ? { CHANNEL_STORE: 'sqlite', SQLITE_DIR: store.directory }
    : { CHANNEL_STORE: 'mysql', MYSQL_DATABASE_PREFIX: store.databasePrefix };
}
