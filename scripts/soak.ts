import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEVELOPMENT_JWT_SECRET, loadConfig, SUBGRAPH_NAMES, type AppConfig } from '../common/config';
import { issueToken, type Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import { seedStore } from '../demo/seed';
import { closeStore, openStore } from '../subgraphs/store';
import { dropDatabase } from '../subgraphs/kit/data-source';

const USAGE = `Usage: npm run soak -- [--minutes N] [--rate R] [--workers W] [--window-seconds S] [--json FILE] [--strict-memory]

Starts the gateway and the four subgraphs as five processes (from dist/) on a fresh store of
CHANNEL_STORE (a temporary SQLite folder, or MySQL databases soak_<id>_* dropped afterwards), seeded
with demo data, and runs a steady mixed load for N minutes (default 10): about R requests per second
(default 30) from W concurrent clients (default 8), 75% reads (headline, directory, overview, one
partner) and 25% writes as VENDOR (createPartner up to 100 new partners, updatePartner: the data set
stays the same size after the start, so memory is comparable over the run). Every window (default: a tenth of
the run, at least 10 s) it prints requests, errors, error rate and latency percentiles; at the end,
each process's memory (RSS and heap, sampled from its /metrics) with a trend verdict. Exit code 1 on
any error or any process that died; with --strict-memory (or runs of 5 minutes or more) also on a
growing memory trend.`;

type Kind = 'read' | 'write';
interface Sample {
  at: number;
  ms: number;
  kind: Kind;
  operation: string;
  ok: boolean;
  error?: string;
}

const VENDOR: Identity = { subject: 'soak-vendor', role: 'VENDOR', partnerId: null };
const OPERATIONS_DIR = path.join(projectRoot(), 'schema', 'operations');
const READS = [
  {
    name: 'WhoResellsWhatToWhom',
    query: fs.readFileSync(path.join(OPERATIONS_DIR, 'WhoResellsWhatToWhom.graphql'), 'utf8'),
    variables: { first: 10 },
  },
  {
    name: 'PartnerDirectory',
    query: fs.readFileSync(path.join(OPERATIONS_DIR, 'PartnerDirectory.graphql'), 'utf8'),
    variables: { first: 20, filter: { region: 'EMEA' } },
  },
  { name: 'ChannelOverview', query: fs.readFileSync(path.join(OPERATIONS_DIR, 'ChannelOverview.graphql'), 'utf8'), variables: {} },
  {
    name: 'OnePartner',
    query: 'query OnePartner($id: ID!) { partner(id: $id) { id name country licensedCores channelStatus customerCount } }',
    variables: { id: 'ptn-000002' },
  },
];
const CREATE =
  'mutation SoakCreate($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } errors { code message } } }';
const UPDATE =
  'mutation SoakUpdate($input: UpdatePartnerInput!) { updatePartner(input: $input) { partner { id } errors { code message } } }';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: '30' },
      workers: { type: 'string', default: '8' },
      'window-seconds': { type: 'string' },
      json: { type: 'string' },
      'strict-memory': { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const minutes = Number(values.minutes);
  const rate = Number(values.rate);
  const workers = Number(values.workers);
  if (!(minutes > 0) || !(rate > 0) || !(workers >= 1))
    throw new Error(`--minutes, --rate and --workers must be positive numbers.\n${USAGE}`);
  const durationMs = minutes * 60_000;
  const windowMs = values['window-seconds'] ? Number(values['window-seconds']) * 1000 : Math.max(10_000, durationMs / 10);
  const strictMemory = values['strict-memory'] || minutes >= 5;

  // A fresh store of the configured kind, seeded with demo data.
  const id = `${process.pid}_${Date.now().toString(36)}`;
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-graph-soak-'));
  const ports = {
    gateway: await freePort(),
    partners: await freePort(),
    programs: await freePort(),
    licences: await freePort(),
    customers: await freePort(),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV === 'production' ? 'production' : 'development',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    SQLITE_DIR: sqliteDir,
    MYSQL_DATABASE_PREFIX: `soak_${id}_`,
    RUN_MIGRATIONS: 'false',
    // One caller's steady load measures stability, not limits: the supergraph's cost estimates would ration it.
    RATE_LIMIT_BURST: process.env.RATE_LIMIT_BURST ?? '0',
    GATEWAY_PORT: String(ports.gateway),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, String(ports[name])])),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`])),
  };
  const config: AppConfig = loadConfig(env);
  console.log(`soak: ${minutes} min, ~${rate} req/s, ${workers} clients, windows of ${windowMs / 1000} s, store ${config.store.kind}`);
  const dataSources = await openStore(config.store, { runMigrations: true });
  await seedStore(dataSources, 'demo', { replace: false });
  await closeStore(dataSources);

  // Five processes, as in production.
  const services = ['gateway', ...SUBGRAPH_NAMES] as const;
  const children = new Map<string, ChildProcess>();
  const exits = new Map<string, { code: number | null; signal: string | null }>();
  for (const name of services) {
    const script = name === 'gateway' ? 'dist/gateway/main.js' : `dist/subgraphs/${name}/main.js`;
    const child = spawn(process.execPath, [path.join(projectRoot(), script)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code, signal) => exits.set(name, { code, signal }));
    children.set(name, child);
  }
  const base = (name: (typeof services)[number]) => `http://127.0.0.1:${ports[name]}`;
  let failed: boolean;
  try {
    await waitUntil('every service to be ready', async () => (await fetch(`${base('gateway')}/ready`)).status === 200, 60_000);
    const token = await issueToken(VENDOR, {
      secret: config.auth.jwtSecret ?? DEVELOPMENT_JWT_SECRET,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      expiresIn: '1d',
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

    const samples: Sample[] = [];
    const memory = new Map<string, Array<{ at: number; rss: number; heap: number; afterGc: number; external: number; majorGcs: number }>>(
      services.map((s) => [s, []]),
    );
    const started = Date.now();
    const created: string[] = [];
    let sequence = 0;
    let reads = 0;

    const send = async (kind: Kind, operation: string, query: string, variables: Record<string, unknown>, payload?: string) => {
      const at = Date.now();
      try {
        const response = await fetch(`${base('gateway')}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as {
          data?: Record<string, { partner?: { id: string } | null; errors?: unknown[] } | undefined>;
          errors?: Array<{ message: string; extensions?: { code?: string } }>;
        };
        const userErrors = payload ? body.data?.[payload]?.errors : undefined;
        const ok = response.status === 200 && !body.errors && (!payload || (userErrors?.length ?? 0) === 0);
        samples.push({
          at,
          ms: Date.now() - at,
          kind,
          operation,
          ok,
          error: ok ? undefined : JSON.stringify(body.errors ?? userErrors ?? response.status).slice(0, 300),
        });
        return body;
      } catch (error) {
        samples.push({ at, ms: Date.now() - at, kind, operation, ok: false, error: (error as Error).message });
        return null;
      }
    };

    const one = async () => {
      sequence += 1;
      const n = sequence;
      if (n % 4 !== 0) {
        reads += 1;
        const read = READS[reads % READS.length]!;
        await send('read', read.name, read.query, read.variables);
      } else if ((n % 8 === 0 && created.length < 100) || created.length === 0) {
        const body = await send(
          'write',
          'createPartner',
          CREATE,
          { input: { name: `Soak Partner ${id} ${n}`, country: 'NL', region: 'EMEA', category: 'REGIONAL_CLOUD' } },
          'createPartner',
        );
        const newId = body?.data?.createPartner?.partner?.id;
        if (newId) created.push(newId);
      } else {
        const target = created[n % created.length];
        await send('write', 'updatePartner', UPDATE, { input: { id: target, website: `https://soak-${n}.example` } }, 'updatePartner');
      }
    };

    // Open-loop pacing: requests start at the chosen rate, at most `workers` at once.
    const interval = 1000 / rate;
    let inFlight = 0;
    let next = Date.now();
    const pending = new Set<Promise<void>>();
    const sampler = setInterval(() => {
      for (const name of services) {
        fetch(`${base(name)}/metrics`)
          .then((r) => r.text())
          .then((text) => {
            const value = (metric: string) => Number(new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
            memory.get(name)!.push({
              at: Date.now(),
              rss: value('process_resident_memory_bytes'),
              heap: value('nodejs_heap_size_used_bytes'),
              afterGc: value('nodejs_heap_used_after_major_gc_bytes') || NaN, // 0: no major GC yet
              majorGcs: Number(/^nodejs_gc_duration_seconds_count\{[^}]*kind="major"[^}]*\} (\S+)$/m.exec(text)?.[1] ?? 0),
              external: value('nodejs_external_memory_bytes'),
            });
          })
          .catch(() => undefined);
      }
    }, 2_000);
    let windowStart = started;
    const printWindow = (from: number, to: number) => {
      const inWindow = samples.filter((s) => s.at >= from && s.at < to);
      const ms = inWindow.map((s) => s.ms).sort((a, b) => a - b);
      const errors = inWindow.filter((s) => !s.ok).length;
      console.log(
        `  ${String(Math.round((from - started) / 1000)).padStart(5)}–${String(Math.round((to - started) / 1000)).padEnd(5)} s  ${String(inWindow.length).padStart(6)} requests  ${String(errors).padStart(4)} errors (${((100 * errors) / Math.max(1, inWindow.length)).toFixed(2)}%)  p50 ${percentile(ms, 50)} ms  p95 ${percentile(ms, 95)} ms  p99 ${percentile(ms, 99)} ms  max ${ms[ms.length - 1] ?? NaN} ms`,
      );
    };
    console.log('  window            requests   errors          latency');
    while (Date.now() - started < durationMs) {
      if (inFlight < workers && Date.now() >= next) {
        inFlight += 1;
        const p = one().finally(() => {
          inFlight -= 1;
          pending.delete(p);
        });
        pending.add(p);
        next += interval;
        if (next < Date.now() - 1000) next = Date.now(); // do not burst to catch up after a stall
      } else {
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(5, next - Date.now()))));
      }
      if (Date.now() - windowStart >= windowMs) {
        printWindow(windowStart, windowStart + windowMs);
        windowStart += windowMs;
      }
      if (exits.size > 0) break;
    }
    await Promise.all(pending);
    clearInterval(sampler);
    if (Date.now() > windowStart + 1000) printWindow(windowStart, Date.now());

    // Totals.
    const total = samples.length;
    const errors = samples.filter((s) => !s.ok);
    const all = samples.map((s) => s.ms).sort((a, b) => a - b);
    console.log(
      `\ntotal: ${total} requests (${samples.filter((s) => s.kind === 'read').length} reads, ${samples.filter((s) => s.kind === 'write').length} writes) in ${((Date.now() - started) / 60000).toFixed(1)} min, ${errors.length} errors (${((100 * errors.length) / Math.max(1, total)).toFixed(3)}%), p50 ${percentile(all, 50)} ms, p95 ${percentile(all, 95)} ms, p99 ${percentile(all, 99)} ms`,
    );
    for (const operation of [...new Set(samples.map((s) => s.operation))]) {
      const ms = samples
        .filter((s) => s.operation === operation)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      console.log(
        `  ${operation.padEnd(22)} ${String(ms.length).padStart(6)}  p50 ${percentile(ms, 50)} ms  p95 ${percentile(ms, 95)} ms  p99 ${percentile(ms, 99)} ms`,
      );
    }
    for (const error of errors.slice(0, 5)) console.log(`  error: ${error.operation}: ${error.error}`);

    // Memory per process: the heap retained after major GCs (or, if none happened, the heap's
    // minimum) per window must not trend upwards once warmed up.
    console.log('\nmemory per process (sampled from /metrics every 2 s; the first window is warm-up):');
    const verdicts: Array<{
      service: string;
      verdict: 'stable' | 'growing';
      basis: string;
      rssStart: number;
      rssEnd: number;
      externalEnd: number;
      rssWindowsMb: number[];
      firstMb: number;
      lastMb: number;
      slopeMbPerMin: number;
      windows: number[];
    }> = [];
    for (const name of services) {
      const points = memory.get(name)!.filter((p) => Number.isFinite(p.heap));
      // After-GC figures only mean something when major GCs kept happening through the run.
      const afterWarmUp = points.filter((p) => p.at - started >= windowMs);
      const majorGcs = (afterWarmUp.at(-1)?.majorGcs ?? 0) - (afterWarmUp[0]?.majorGcs ?? 0);
      const useGc = majorGcs >= 5 && points.filter((p) => Number.isFinite(p.afterGc)).length >= points.length / 2;
      const basis = useGc ? `heap after major GC (${majorGcs} GCs)` : `heap minimum (${majorGcs} major GCs)`;
      const windows = new Map<number, number[]>();
      for (const p of points) {
        const w = Math.floor((p.at - started) / windowMs);
        if (w === 0 && durationMs / windowMs > 2) continue; // warm-up
        windows.set(w, [...(windows.get(w) ?? []), useGc ? p.afterGc : p.heap]);
      }
      const perWindow = [...windows.entries()]
        .sort(([a], [b]) => a - b)
        .filter(([, values]) => values.some(Number.isFinite))
        .map(
          ([w, values]) =>
            [
              w,
              useGc
                ? values.filter(Number.isFinite).sort((a, b) => a - b)[Math.floor(values.filter(Number.isFinite).length / 2)]
                : Math.min(...values),
            ] as [number, number],
        );
      const trend = slope(perWindow.map(([w, bytes]) => [(w * windowMs) / 60_000, bytes / 1024 / 1024]));
      const third = Math.max(1, Math.floor(perWindow.length / 3));
      const firstAvg = perWindow.slice(0, third).reduce((sum, [, b]) => sum + b, 0) / third;
      const lastAvg = perWindow.slice(-third).reduce((sum, [, b]) => sum + b, 0) / third;
      const verdict = lastAvg - firstAvg > Math.max(5 * 1024 * 1024, 0.1 * firstAvg) && trend > 0 ? 'growing' : 'stable';
      // Resident memory per window (its maximum): V8 and the allocator reserve memory early, then it should level off.
      const rssWindows = new Map<number, number>();
      for (const p of points) {
        const w = Math.floor((p.at - started) / windowMs);
        rssWindows.set(w, Math.max(rssWindows.get(w) ?? 0, p.rss));
      }
      const rssPerWindow = [...rssWindows.entries()].sort(([a], [b]) => a - b).map(([, rss]) => rss);
      const rssStart = points[0]?.rss ?? NaN;
      const rssEnd = points[points.length - 1]?.rss ?? NaN;
      const externalEnd = points[points.length - 1]?.external ?? NaN;
      verdicts.push({
        service: name,
        verdict,
        basis,
        rssStart,
        rssEnd,
        externalEnd,
        rssWindowsMb: rssPerWindow.map((b) => Math.round(b / 1024 / 1024)),
        firstMb: firstAvg / 1024 / 1024,
        lastMb: lastAvg / 1024 / 1024,
        slopeMbPerMin: trend,
        windows: perWindow.map(([, b]) => Math.round(b / 1024 / 1024)),
      });
      console.log(
        `  ${name.padEnd(9)} RSS ${mb(rssStart)} → ${mb(rssEnd)} MB [per window: ${rssPerWindow.map((b) => mb(b)).join(' ')}] (external ${mb(externalEnd)} MB)\n            ${basis} ${mb(firstAvg)} → ${mb(lastAvg)} MB, trend ${trend >= 0 ? '+' : ''}${trend.toFixed(2)} MB/min [${perWindow.map(([, b]) => mb(b)).join(' ')}]   ${verdict.toUpperCase()}`,
      );
    }
    const died = [...exits.entries()];
    for (const [name, exit] of died) console.log(`  ${name} DIED during the soak (code ${exit.code}, signal ${exit.signal})`);
    const growing = verdicts.filter((v) => v.verdict === 'growing');
    console.log(
      `\nverdict: ${errors.length === 0 ? 'no errors' : `${errors.length} errors`}; memory ${growing.length === 0 ? 'stable in every process' : `growing in ${growing.map((v) => v.service).join(', ')}`}${strictMemory ? '' : ' (short run: memory verdict informative only)'}; ${died.length === 0 ? 'no process died' : `${died.length} process(es) died`}.`,
    );
    if (values.json)
      fs.writeFileSync(values.json, JSON.stringify({ minutes, rate, workers, total, errors: errors.length, verdicts, died }, null, 2));
    failed = errors.length > 0 || died.length > 0 || (strictMemory && growing.length > 0);
  } finally {
    // Graceful stop of every process (SIGTERM), then the temporary store.
    for (const [name, child] of children) if (!exits.has(name)) child.kill('SIGTERM');
    await waitUntil('every process to stop', async () => exits.size === children.size, 30_000).catch(() => {
      for (const child of children.values()) child.kill('SIGKILL');
    });
    const unclean = [...exits.entries()].filter(([, e]) => e.code !== 0);
    if (unclean.length > 0) {
      console.log(
        `processes that did not stop cleanly: ${unclean.map(([n, e]) => `${n} (code ${e.code}, signal ${e.signal})`).join(', ')}`,
      );
      failed = true;
    }
    if (config.store.kind === 'mysql') for (const subgraph of SUBGRAPH_NAMES) await dropDatabase(config.store, subgraph);
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
