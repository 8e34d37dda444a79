import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import type { StoreConfig } from '../common/config';
import type { Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import { exampleVariables } from '../demo/operation-examples';
import { CSV_FORMATS } from '../bulk-import/csv-formats';
import { ANALYST, startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const VENDOR: Identity = { subject: 'export-test-vendor', role: 'VENDOR', partnerId: null };
const DIST = path.join(projectRoot(), 'dist', 'scripts');
/** The run's store is the source; the copy goes to the other kind (SQLite → MariaDB in the SQLite run, MariaDB → SQLite in the MariaDB run). */
const SOURCE = process.env.CHANNEL_STORE === 'mysql' ? 'mysql' : 'sqlite';
const TARGET = SOURCE === 'mysql' ? 'sqlite' : 'mysql';
const LABEL = { sqlite: 'SQLite', mysql: 'MariaDB' } as const;

/** The environment that points a command at a store. */
function storeEnv(store: StoreConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', CHANNEL_STORE: store.kind };
  if (store.kind === 'sqlite') env.SQLITE_DIR = store.directory;
  else env.MYSQL_DATABASE_PREFIX = store.databasePrefix;
  return env;
}

/** Runs a command without blocking this process, whose stacks keep serving meanwhile. */
function run(script: 'export' | 'import', args: string[], store: StoreConfig): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(DIST, `${script}.js`), ...args],
      { env: storeEnv(store), timeout: 180_000 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function exportTo(directory: string, store: StoreConfig, ...flags: string[]) {
  const result = await run('export', [directory, ...flags], store);
  if (result.status !== 0) throw new Error(`export failed (${result.status}): ${result.stderr}`);
  return result;
}

function filesOf(directory: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(directory)
      .sort()
      .map((file) => [file, fs.readFileSync(path.join(directory, file), 'utf8')]),
  );
}

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'channel-export-'));

describe(`export and import between stores (${storeLabel()} → ${LABEL[TARGET]})`, () => {
  let source: TestStack;
  let target: TestStack;
  let first: string;
  let second: string;
  const tricky = { partnerId: '', membershipId: '', resignedId: '' };

  beforeAll(async () => {
    source = await startTestStack('small');
    // Records made through the API (an audit trail) with text the CSV must quote: commas, quotes, a line break, non-ASCII.
    const created = await source.as(VENDOR, operationText('CreatePartner'), {
      input: { name: 'Nord, "Øresund" Cloud', country: 'DK', region: 'EMEA', category: 'REGIONAL_CLOUD', website: null },
    });
    tricky.partnerId = created.data?.createPartner.partner.id;
    const invited = await source.as(VENDOR, operationText('Invite'), {
      input: {
        programCode: 'ADVANTAGE',
        partnerId: tricky.partnerId,
        invitedOn: '2026-01-15',
        reason: 'Met at the summit,\nsaid "yes" — later',
      },
    });
    tricky.membershipId = invited.data?.inviteToProgram.membership.id;
    // History made through the API too: an agreement terminated (its allocations released), then
    // signed again by the same pair with cores allocated under it (the import must end the first
    // before opening the second), and a contract ended.
    const data = source.dataset;
    const agreement = data.agreements.filter((candidate) => candidate.status === 'ACTIVE').at(-1)!;
    const licence = data.licences.find((candidate) => candidate.holderId === agreement.primaryId && candidate.status === 'ACTIVE')!;
    const contract = data.contracts.find(
      (candidate) => candidate.status === 'ACTIVE' && candidate.licenceId && candidate.startsOn < '2026-05-01',
    )!;
    const send = async (mutation: Parameters<typeof operationText>[0], input: Record<string, unknown>) => {
      const answer = await source.as(VENDOR, operationText(mutation), { input });
      const payload = Object.values((answer.data ?? {}) as Record<string, { errors: unknown[] } & Record<string, { id: string }>>)[0];
      if (answer.errors || !payload || payload.errors.length > 0) throw new Error(`${mutation}: ${JSON.stringify(answer)}`);
      return payload;
    };
    await send('TerminateAgreement', { agreementId: agreement.id, endsOn: '2026-04-30' });
    const again = await send('SignAgreement', {
      primaryId: agreement.primaryId,
      secondaryId: agreement.secondaryId,
      signedOn: '2026-05-01',
    });
    tricky.resignedId = again.agreement!.id;
    await send('AllocateCores', { agreementId: tricky.resignedId, licenceId: licence.id, cores: 10, startsOn: '2026-05-01' });
    await send('EndContract', { contractId: contract.id, endsOn: '2026-05-31' });
    target = await startTestStack(null, { CHANNEL_STORE: TARGET });
    first = scratch();
    second = scratch();
    fs.rmdirSync(first);
    await exportTo(first, source.config.store);
    const imported = await run('import', [first], target.config.store);
    if (imported.status !== 0) throw new Error(`import failed (${imported.status}): ${imported.stderr}`);
    await exportTo(second, target.config.store);
  }, 600_000);
  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    for (const directory of [first, second]) if (directory) fs.rmSync(directory, { recursive: true, force: true });
  });

  it('writes every kind of record, history and audit trail included, and the copy exports byte for byte the same', async () => {
    const exported = filesOf(first);
    expect(Object.keys(exported)).toEqual(CSV_FORMATS.map((format) => format.file).sort());
    const rows = (file: string) => exported[file]!.trimEnd().split('\n').slice(1);
    const data = source.dataset;
    expect(rows('partners.csv')).toHaveLength(data.partners.length + 1);
    expect(rows('licences.csv').filter((line) => line.endsWith(',EXPIRED'))).toHaveLength(
      data.licences.filter((licence) => licence.status === 'EXPIRED').length,
    );
    for (const status of ['DECLINED', 'TERMINATED', 'NOT_INVITED'])
      expect(rows('memberships.csv').filter((line) => line.includes(`,${status},`)).length).toBe(
        data.memberships.filter((membership) => membership.status === status).length,
      );
    expect(rows('agreements.csv').some((line) => line.endsWith(',2026-04-30,TERMINATED'))).toBe(true);
    expect(rows('agreements.csv').some((line) => line.startsWith(`${tricky.resignedId},`) && line.endsWith(',2026-05-01,,ACTIVE'))).toBe(
      true,
    );
    expect(rows('allocations.csv').some((line) => line.includes(`,${tricky.resignedId},`))).toBe(true);
    expect(rows('allocations.csv').some((line) => line.endsWith(',2026-04-30,RELEASED'))).toBe(true);
    expect(rows('contracts.csv').some((line) => line.endsWith(',2026-05-31,ENDED'))).toBe(true);
    expect(rows('migrations.csv')).toHaveLength(data.migrations.length);
    // The API's records keep their ids, and their text is quoted so it reads back as it is.
    expect(exported['partners.csv']).toContain(`${tricky.partnerId},"Nord, ""Øresund"" Cloud",DK,EMEA,REGIONAL_CLOUD,\n`);
    expect(exported['memberships.csv']).toContain(`"Met at the summit,\nsaid ""yes"" — later"`);
    expect(rows('audit-partners.csv')).toHaveLength(1);
    expect(rows('audit-programs.csv')).toHaveLength(1);
    expect(rows('audit-licences.csv').length).toBeGreaterThanOrEqual(2);
    expect(rows('audit-customers.csv')).toHaveLength(1);
    expect(exported['audit-partners.csv']).toContain(`,Partner,${tricky.partnerId},createPartner,export-test-vendor,VENDOR,,`);

    expect(filesOf(second)).toEqual(exported);
    // Exporting the same store again gives the same bytes (and --replace swaps an earlier export for it).
    await exportTo(first, source.config.store, '--replace');
    expect(filesOf(first)).toEqual(exported);
  });

  it('answers every documented operation the same on both stores, as the analyst, a primary and a secondary', async () => {
    const data = source.dataset;
    const primary = data.agreements.find((agreement) => agreement.status === 'ACTIVE')!.primaryId;
    const secondary = data.agreements.find((agreement) => agreement.status === 'ACTIVE' && agreement.primaryId === primary)!.secondaryId;
    const callers: Identity[] = [
      ANALYST,
      { subject: 'export-test-primary', role: 'PRIMARY', partnerId: primary },
      { subject: 'export-test-secondary', role: 'SECONDARY', partnerId: secondary },
    ];
    const persisted = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'client', 'persisted-queries.json'), 'utf8')) as {
      operations: Array<{ name: string; body: string }>;
    };
    const examples = exampleVariables(data);
    const variablesFor = (name: string, caller: Identity): Record<string, unknown> => {
      if (name in examples) return examples[name]!;
      if (['MyChannel', 'MyCustomers', 'PartnerDetail'].includes(name)) return { id: caller.partnerId ?? primary };
      if (['ProgramMilestones', 'Viewer'].includes(name)) return {};
      throw new Error(`No variables for the documented operation ${name}: add them here.`);
    };
    let answered = 0;
    for (const { name, body } of persisted.operations) {
      for (const caller of callers) {
        const variables = variablesFor(name, caller);
        const [before, after] = await Promise.all([source.as(caller, body, variables), target.as(caller, body, variables)]);
        // The rate-limit budget left is each gateway's own count of this caller's requests.
        for (const answer of [before, after]) delete (answer as { extensions?: Record<string, unknown> }).extensions?.rateLimit;
        expect({ name, role: caller.role, answer: after }).toEqual({ name, role: caller.role, answer: before });
        if (before.data && !before.errors) answered += 1;
        // The analyst reads everything: each of its answers is data, so the comparison compares data.
        if (caller === ANALYST)
          expect({ name, errors: before.errors, data: Boolean(before.data) }).toEqual({ name, errors: undefined, data: true });
      }
    }
    // Partners get data too, where their scope allows (some operations are refused to them, the same way on both).
    expect(answered).toBeGreaterThan(persisted.operations.length);
  }, 120_000);

  it('refuses bad arguments with a message and exit code 2, and writes nothing', async () => {
    const store = source.config.store;
    const none = await run('export', [], store);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Give one directory to export into (got 0).');

    const occupied = scratch();
    fs.writeFileSync(path.join(occupied, 'notes.txt'), 'mine');
    const notEmpty = await run('export', [occupied], store);
    expect(notEmpty.status).toBe(2);
    expect(notEmpty.stderr).toContain(`${occupied} is not empty (1 entries): give a new or empty directory, or --replace`);
    const foreign = await run('export', [occupied, '--replace'], store);
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toContain(`${occupied} holds more than an export (notes.txt)`);
    expect(fs.readdirSync(occupied)).toEqual(['notes.txt']);

    const missingParent = await run('export', [path.join(occupied, 'no', 'such')], store);
    expect(missingParent.status).toBe(2);
    expect(missingParent.stderr).toContain(`${path.join(occupied, 'no')} is not a directory`);

    fs.rmSync(occupied, { recursive: true, force: true });
  });
});

/** Mutations the test sends to make records (and audit events) through the API. */
function operationText(
  name: 'CreatePartner' | 'Invite' | 'TerminateAgreement' | 'SignAgreement' | 'AllocateCores' | 'EndContract',
): string {
  return {
    SignAgreement: `mutation ($input: SignAgreementInput!) { signWhiteLabelAgreement(input: $input) { agreement { id } errors { code message } } }`,
    AllocateCores: `mutation ($input: AllocateCoresInput!) { allocateCores(input: $input) { allocation { id } errors { code message } } }`,
    TerminateAgreement: `mutation ($input: TerminateAgreementInput!) { terminateWhiteLabelAgreement(input: $input) { agreement { id } errors { code message } } }`,
    EndContract: `mutation ($input: EndContractInput!) { endServiceContract(input: $input) { contract { id } errors { code message } } }`,
    CreatePartner: `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } errors { code message } } }`,
    Invite: `mutation ($input: InviteToProgramInput!) { inviteToProgram(input: $input) { membership { id } errors { code message } } }`,
  }[name];
}
