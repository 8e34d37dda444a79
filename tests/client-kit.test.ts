import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { print, type DocumentNode } from 'graphql';
import * as generated from '../client/generated/graphql';
import { projectRoot, schemaPath } from '../common/paths';
import { sha256, type PersistedQueryManifest } from '../gateway/persisted-queries';
import { apiSchemaSdl } from '../scripts/composition';
import { CLIENT_KIT_FILES, manifestJson, trustedOperationsManifest } from '../scripts/client-kit';

/**
 * What `graphql-codegen --config codegen.ts` would write, without writing it. In a process of its
 * own: @graphql-codegen/cli loads ES modules that Jest's module loader cannot require.
 */
async function codegenOutputs(): Promise<Array<{ filename: string; content: string }>> {
  const script = `
    import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
    const { config } = await loadCodegenConfig({ configFilePath: 'codegen.ts' });
    process.stdout.write(JSON.stringify(await generate({ ...config, cwd: process.cwd(), silent: true }, false)));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: projectRoot(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Array<{ filename: string; content: string }>;
}

const committedManifest = () => JSON.parse(fs.readFileSync(CLIENT_KIT_FILES.manifest, 'utf8')) as PersistedQueryManifest;

describe('the client kit (client/: the API schema from `npm run build`, the rest committed by `npm run codegen`)', () => {
  it('has the public API schema of the supergraph the build wrote: no federation machinery, no @inaccessible field', () => {
    const written = fs.readFileSync(CLIENT_KIT_FILES.apiSchema, 'utf8');
    expect(written).toBe(apiSchemaSdl(fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'))); // stale: npm run build
    expect(written).not.toMatch(/join__|link__|@inaccessible|allocationIdsGrantedBy/);
    expect(written).toContain('whiteLabelAgreements(');
  });

  it('holds a manifest of every documented and dashboard operation, each id the SHA-256 of its body', () => {
    const manifest = committedManifest();
    expect(manifestJson(manifest)).toBe(manifestJson(trustedOperationsManifest())); // stale: run `npm run codegen`
    const documented = fs.readdirSync(path.join(projectRoot(), 'schema', 'operations')).map((file) => file.replace('.graphql', ''));
    expect(manifest.operations.map((o) => o.name)).toEqual(expect.arrayContaining([...documented, 'PartnerDetail']));
    for (const { id, body } of manifest.operations) expect(id).toBe(sha256(body));
  });

  it('holds typed documents whose text is the manifest text, so their ids are the manifest ids', () => {
    const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as Array<[string, DocumentNode]>;
    const ids = new Set(committedManifest().operations.map((o) => o.id));
    expect(documents.map(([name]) => name.replace(/Document$/, '')).sort()).toEqual(
      committedManifest()
        .operations.map((o) => o.name)
        .sort(),
    );
    for (const [, document] of documents) expect(ids.has(sha256(print(document)))).toBe(true);
  });

  it('holds the typed documents graphql-codegen writes from the API schema the build wrote (committed: tsc compiles them)', async () => {
    const outputs = await codegenOutputs();
    const folder = path.join(projectRoot(), 'client', 'generated');
    expect(outputs.map((output) => path.relative(folder, path.resolve(projectRoot(), output.filename))).sort()).toEqual(
      fs.readdirSync(folder).sort(),
    );
    for (const output of outputs) {
      // stale: run `npm run codegen` and commit client/
      expect({ file: output.filename, content: fs.readFileSync(path.resolve(projectRoot(), output.filename), 'utf8') }).toEqual({
        file: output.filename,
        content: output.content,
      });
    }
  });
});
