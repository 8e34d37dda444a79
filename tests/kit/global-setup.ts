import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../common/paths';
import { SUBGRAPH_NAMES } from '../../common/config';
import { installMissing, skipNotice } from './system-programs';

/**
 * Runs once before any test file: what `npm test` needs beyond npm packages, so that a fresh
 * machine passes after `npm ci` with nothing done by hand. dist/ and the schema are built when
 * missing or older than the code (three tests run the stack as a process; the IDE test serves its
 * bundle; the gateways and many tests read the supergraph and the API schema the build writes),
 * and the system programs some tests drive are installed when missing where this process may.
 * What is still missing is skipped with one loud line each; CHANNEL_TESTS_REFUSE_SKIPS=1
 * (.ci/run) makes that a failure instead.
 */
export default function globalSetup(): void {
  const say = (line: string) => process.stderr.write(`\n[npm test] ${line}\n`);
  buildWhenStale(say);
  const missing = installMissing(say);
  for (const name of missing) say(skipNotice(name));
  if (missing.length > 0 && process.env.CHANNEL_TESTS_REFUSE_SKIPS === '1') {
    throw new Error(`CHANNEL_TESTS_REFUSE_SKIPS=1 and ${missing.join(', ')} missing: no test may be skipped in this run`);
  }
}

/** Folders whose files go into dist/ (tsconfig.json's include, without tests, and the IDE's sources). */
const BUILT_FROM = ['common', 'subgraphs', 'gateway', 'demo', 'scripts', 'stack', 'client', 'examples', 'bulk-import', 'bench', 'ide'];
/**
 * Written by every build: tsc rewrites all its outputs, the schema is composed from the code next
 * (scripts/compose-schema.ts; not committed, so a fresh clone has none), the IDE bundle is made last.
 */
const BUILD_OUTPUTS = [
  'dist/stack/main.js',
  ...SUBGRAPH_NAMES.map((name) => `schema/${name}.graphql`),
  'schema/supergraph.graphql',
  'client/api-schema.graphql',
  'dist/ide/index.html',
];

function buildWhenStale(say: (line: string) => void): void {
  const root = projectRoot();
  const outputs = BUILD_OUTPUTS.map((file) => path.join(root, file));
  const builtAt = Math.min(...outputs.map(modifiedAt));
  const changedAt = Math.max(
    modifiedAt(path.join(root, 'tsconfig.json')),
    modifiedAt(path.join(root, 'package-lock.json')),
    ...BUILT_FROM.map((folder) => newestIn(path.join(root, folder), outputs)),
  );
  if (builtAt >= changedAt) return;
  say(builtAt === 0 ? 'dist/ or the schema is missing: npm run build' : 'the code changed since the last build: npm run build');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed: the tests need dist/ and the schema it writes');
}

function modifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest file under folder, leaving out the build's own outputs (client/ holds one). */
function newestIn(folder: string, buildOutputs: string[]): number {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.parentPath.includes(`${path.sep}node_modules`)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (!buildOutputs.includes(file)) newest = Math.max(newest, modifiedAt(file));
  }
  return newest;
}
