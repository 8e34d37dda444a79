import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../common/config';
import { issueToken } from '../common/identity';
import { projectRoot } from '../common/paths';
import { generateDataset, SCALES, type Scale } from '../demo/generator';
import { exampleVariables } from '../demo/operation-examples';
import { startStack } from '../stack/stack';
import { captureStatements } from '../subgraphs/kit/statements';

let authorization = '';

async function timeOnce(url: string, query: string, variables: Record<string, unknown>): Promise<{ ms: number; errors: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  return { ms: performance.now() - started, errors: body.errors?.length ?? 0 };
}

/**
 * `npm run time-operations -- --scale full`: latency of every documented operation on the
 * configured store (MariaDB/MySQL with CHANNEL_STORE=mysql), seeded at the scale into its own
 * databases once. Prints figures; asserts nothing.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'full' }, runs: { type: 'string', default: '7' } } });
  if (!(values.scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const scale = values.scale as Scale;
  const runs = Number(values.runs);
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    MYSQL_DATABASE_PREFIX: `channel_timing_${scale}_`,
    SQLITE_DIR: `data/timing-${scale}`,
    ...process.env,
  });
  console.log(`Seeding (first time only) and starting the stack on ${config.store.kind} at "${scale}" scale…`);
  const stack = await startStack(config, { ports: 'ephemeral', seed: scale });
  const token = await issueToken(
    { subject: 'time-operations', role: 'ANALYST', partnerId: null },
    {
      secret: config.auth.jwtSecret ?? DEVELOPMENT_JWT_SECRET,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      expiresIn: '1h',
    },
  );
  authorization = `Bearer ${token}`;
  try {
    const examples = exampleVariables(generateDataset(scale));
    const directory = path.join(projectRoot(), 'schema', 'operations');
    console.log(
      `\n${'operation'.padEnd(30)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)} ${'SQL'.padStart(5)} ${'errors'.padStart(7)}`,
    );
    for (const file of fs
      .readdirSync(directory)
      .filter((f) => f.endsWith('.graphql'))
      .sort()) {
      const name = file.replace('.graphql', '');
      const query = fs.readFileSync(path.join(directory, file), 'utf8');
      const variables = examples[name] ?? {};
      for (let i = 0; i < 2; i++) await timeOnce(stack.gatewayUrl, query, variables);
      const { statements } = await captureStatements(stack.dataSources, () => timeOnce(stack.gatewayUrl, query, variables));
      const timings: number[] = [];
      let errors = 0;
      for (let i = 0; i < runs; i++) {
        const result = await timeOnce(stack.gatewayUrl, query, variables);
        timings.push(result.ms);
        errors += result.errors;
      }
      timings.sort((a, b) => a - b);
      const median = timings[Math.floor(timings.length / 2)] ?? NaN;
      console.log(
        `${name.padEnd(30)} ${median.toFixed(1).padStart(10)} ${timings.at(-1)!.toFixed(1).padStart(8)} ${String(statements.length).padStart(5)} ${String(errors).padStart(7)}`,
      );
    }
  } finally {
    await stack.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
