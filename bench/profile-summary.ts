import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a file's code comes from: a package under node_modules, node itself, or this project. */
function origin(url: string): string {
  const inModules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules?.[1]) return inModules[1];
  if (url.startsWith('node:') || url === '') return url === '' ? '(native / idle / gc)' : 'node';
  return 'channel-graph';
}

/**
 * `node dist/bench/profile-summary.js <file.cpuprofile>`: self time by package and the top
 * functions, from a profile of `npm run bench -- --profile`.
 */
function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('Give a .cpuprofile file (npm run bench -- --profile writes them to bench/results/profiles).');
  // `--from <seconds>`: only samples taken that long after the process started (leaves start-up out).
  const fromIndex = process.argv.indexOf('--from');
  const fromMicros = fromIndex > 0 ? Number(process.argv[fromIndex + 1]) * 1e6 : 0;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    elapsed += profile.timeDeltas[index] ?? 0;
    if (elapsed >= fromMicros) selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const { callFrame } = byId.get(id)!;
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    const where = origin(callFrame.url);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + micros);
    const key = `${name}  ${callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : ''}  [${where}]`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  const busy = [...byOrigin.values()].reduce((sum, value) => sum + value, 0);
  const percent = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
  console.log(
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (not idle)\n\nself time by origin:`,
  );
  for (const [where, micros] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${percent(micros)}  ${where}`);
  console.log('\ntop functions by self time:');
  for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${percent(micros)}  ${key}`);
}

main();
