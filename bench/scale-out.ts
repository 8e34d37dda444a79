import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import { issueToken, type Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import { REDIS_SERVER_FLAGS, redisAnswers } from '../common/redis';
import { generateDataset, type Scale } from '../demo/generator';
import { exampleVariables } from '../demo/operation-examples';
import { closedLoop, graphqlTask, type LoadResult, type Task } from './load';
import { comparedCells, table } from './report';
import { benchStore, cpuDuring, databaseServerPid, freePort, startService, startSubgraphProcesses, type Service } from './services';

const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghijklmnop';
const INTERNAL_SECRET = 'bench-internal-secret-0123456789abcdefghij';
/** The light workload: one subgraph, small answers, so the gateway's own work weighs most. */
const LIGHT_OPERATION = 'PartnerDirectory';

const USAGE = `Usage: npm run bench:scale-out -- [--seconds 10] [--warmup 2] [--connections 32] [--rounds 2] [--scale demo|full] [--balancer auto|haproxy|node]
  What this setup carries on this machine, scaled out: the four subgraphs on MariaDB/MySQL (MYSQL_*;
  databases channel_bench_<scale>_*, seeded once), a private redis-server on a free port, and the
  gateways as processes, driven by closed-loop clients (--connections, every request from one of as
  many analysts) with two workloads: every documented operation in turn, and ${LIGHT_OPERATION} alone.
  Setups, in this order in the same run (--rounds times, the order reversed every other round):
    1. one gateway alone, state in its memory (no Redis): the baseline every ratio is against;
    2. one gateway with REDIS_URL (rate-limit buckets in Redis);
    3. that gateway behind the balancer;
    4. two gateways on one Redis behind the balancer.
  The balancer is HAProxy (Debian's haproxy, round robin per request) when installed, else a small
  TCP balancer in Node (dist/bench/balancer.js, round robin per connection); --balancer chooses.
  Prints the figures and how busy the machine was (other processes included), and writes
  bench/results/scale-out.md. Needs \`npm run build\` (npm run bench:scale-out builds first).`;

interface Setup {
  name: string;
  gateways: Service[];
  balanced: boolean;
}

/** One measurement: a workload on a setup, in one round. */
interface Measured {
  workload: string;
  setup: string;
  result: LoadResult;
  /** CPU seconds each process group used. */
  cpuSeconds: Record<string, number>;
  /** Cores busy on the whole machine during the run, and how many of them were ours (database apart) and the database's. */
  machine: { busyCores: number; oursCores: number; databaseCores: number };
  /** Requests each gateway served. */
  served: number[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '2' },
      scale: { type: 'string', default: 'demo' },
      balancer: { type: 'string', default: 'auto' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  const scale = values.scale as Scale;
  const balancerKind = values.balancer === 'auto' ? (onPath('haproxy') ? 'haproxy' : 'node') : values.balancer;
  if (!['haproxy', 'node'].includes(balancerKind)) throw new Error(`--balancer ${values.balancer}: expected auto, haproxy or node`);
  if (balancerKind === 'haproxy' && !onPath('haproxy'))
    throw new Error('--balancer haproxy: haproxy is not installed (apt-get install haproxy)');
  const started = Date.now();
  const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const loadBefore = os.loadavg();
  log(`machine: ${os.cpus().length} cores, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before starting`);

  const store = await benchStore(scale, log);
  const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()]))) as Record<
    SubgraphName,
    number
  >;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    INTERNAL_AUTH_SECRET: INTERNAL_SECRET,
    AUTH_JWT_SECRET: JWT_SECRET,
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`])),
  };
  const running: Array<{ stop(): Promise<void> }> = [];
  try {
    const redis = await startRedis(await freePort());
    running.push(redis);
    log(`redis-server on ${redis.url} (private: --save '' --appendonly no)`);
    const subgraphs = await startSubgraphProcesses(store, ports, env, log);
    running.push(...Object.values(subgraphs));
    // Rate limiting on (every request takes from its caller's bucket), generous enough never to refuse.
    const gatewayEnv = { ...env, RATE_LIMIT_BURST: '1000000000', RATE_LIMIT_PER_SECOND: '1000000000' };
    const gateway = async (name: string, redisUrl: string | null) => {
      const port = await freePort();
      const service = await startService(
        name,
        'dist/gateway/main.js',
        [],
        { ...gatewayEnv, GATEWAY_PORT: String(port), REDIS_URL: redisUrl ?? '' },
        port,
      );
      running.push(service);
      return service;
    };
    log('starting the gateways: one without Redis, two with it');
    const alone = await gateway('gateway (memory)', null);
    const first = await gateway('gateway A (Redis)', redis.url);
    const second = await gateway('gateway B (Redis)', redis.url);
    for (const service of [first, second]) {
      const report = (await (await fetch(service.url.replace('/graphql', '/ready'))).json()) as {
        checks: { redis?: { degraded: boolean } };
      };
      if (report.checks.redis?.degraded !== false)
        throw new Error(`${service.name} does not share through Redis: ${JSON.stringify(report.checks.redis)}`);
    }

    const callers = await Promise.all(
      Array.from({ length: connections }, (_, index) => {
        const identity: Identity = { subject: `scale-out-${index}`, role: 'ANALYST', partnerId: null };
        return issueToken(identity, { secret: JWT_SECRET, issuer: 'channel-graph', audience: 'channel-graph', expiresIn: '2h' });
      }),
    );
    let nextCaller = 0;
    const headers = () => ({ authorization: `Bearer ${callers[nextCaller++ % callers.length]}` });
    const examples = exampleVariables(generateDataset(scale));
    const operations = fs
      .readdirSync(path.join(projectRoot(), 'schema', 'operations'))
      .filter((file) => file.endsWith('.graphql'))
      .sort()
      .map((file) => {
        const name = file.replace('.graphql', '');
        return {
          name,
          body: JSON.stringify({
            query: fs.readFileSync(path.join(projectRoot(), 'schema', 'operations', file), 'utf8'),
            variables: examples[name] ?? {},
          }),
        };
      });
    const workloads: Array<{ name: string; task: (url: string) => Task }> = [
      {
        name: `every documented operation in turn (${operations.length})`,
        task: (url) => {
          const tasks = operations.map((op) => graphqlTask(url, op.body, headers));
          let next = 0;
          return (worker) => tasks[next++ % tasks.length]!(worker);
        },
      },
      {
        name: `${LIGHT_OPERATION} alone`,
        task: (url) => graphqlTask(url, operations.find((op) => op.name === LIGHT_OPERATION)!.body, headers),
      },
    ];
    const setups: Setup[] = [
      { name: 'one gateway alone, no Redis (baseline)', gateways: [alone], balanced: false },
      { name: 'one gateway on Redis', gateways: [first], balanced: false },
      { name: `one gateway on Redis behind ${balancerKind}`, gateways: [first], balanced: true },
      { name: `two gateways on one Redis behind ${balancerKind}`, gateways: [first, second], balanced: true },
    ];

    const measured: Measured[] = [];
    const databasePid = databaseServerPid();
    // Rounds alternate the order (1 2 3 4, then 4 3 2 1 …), so a drift in the machine's other load weighs on every setup alike.
    const order = Array.from({ length: rounds }, (_, round) => (round % 2 === 0 ? setups : [...setups].reverse())).flat();
    for (const workload of workloads) {
      for (const setup of order) {
        const balancer = setup.balanced ? await startBalancer(balancerKind, setup.gateways) : null;
        try {
          const url = balancer?.url ?? setup.gateways[0]!.url;
          log(`${workload.name}: ${setup.name}, ${connections} connections, ${seconds} s after ${warmupSeconds} s`);
          const task = workload.task(url);
          await closedLoop(task, { connections, seconds: warmupSeconds });
          const pids: Record<string, number> = {
            ...Object.fromEntries(setup.gateways.map((service, i) => [`gateway ${i + 1}`, service.process.pid!])),
            ...Object.fromEntries(Object.values(subgraphs).map((service) => [service.name, service.process.pid!])),
            redis: redis.pid,
            ...(balancer ? { balancer: balancer.pid } : {}),
            ...(databasePid ? { database: databasePid } : {}),
          };
          const before = await Promise.all(setup.gateways.map(graphqlRequestsServed));
          const busyBefore = machineBusySeconds();
          const wallStarted = performance.now();
          const { result, cpuSeconds } = await cpuDuring(pids, () => closedLoop(task, { connections, seconds }));
          const wall = (performance.now() - wallStarted) / 1000;
          const busyCores = (machineBusySeconds() - busyBefore) / wall;
          const after = await Promise.all(setup.gateways.map(graphqlRequestsServed));
          const served = after.map((count, i) => count - before[i]!);
          const groups: Record<string, number> = { gateways: 0, subgraphs: 0, redis: 0, balancer: 0, database: 0, 'load generator': 0 };
          for (const [name, secondsUsed] of Object.entries(cpuSeconds)) {
            const group = name.startsWith('gateway')
              ? 'gateways'
              : name === 'self'
                ? 'load generator'
                : name in subgraphs
                  ? 'subgraphs'
                  : name;
            groups[group] = (groups[group] ?? 0) + (Number.isFinite(secondsUsed) ? secondsUsed : 0);
          }
          const databaseSeconds = groups.database ?? 0;
          const oursCores = (Object.values(groups).reduce((sum, s) => sum + s, 0) - databaseSeconds) / wall;
          measured.push({
            workload: workload.name,
            setup: setup.name,
            result,
            cpuSeconds: groups,
            machine: { busyCores, oursCores, databaseCores: databaseSeconds / wall },
            served,
          });
        } finally {
          await balancer?.stop();
        }
      }
    }

    const markdown = report(measured, {
      date: new Date().toISOString(),
      scale,
      seconds,
      warmupSeconds,
      connections,
      rounds,
      balancer: balancerKind,
      cores: os.cpus().length,
      loadBefore,
      loadAfter: os.loadavg(),
      minutes: (Date.now() - started) / 60_000,
    });
    const file = path.join(projectRoot(), 'bench', 'results', 'scale-out.md');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${markdown}\n`);
    console.log(`\n${markdown}\n\nWritten: ${path.relative(projectRoot(), file)}`);
  } finally {
    await Promise.allSettled(running.reverse().map((service) => service.stop()));
  }
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds the whole machine has been busy (all cores, every process), from /proc/stat. */
function machineBusySeconds(): number {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_SECOND;
}

/** GraphQL requests a gateway has answered so far (its /metrics). */
async function graphqlRequestsServed(gateway: Service): Promise<number> {
  const text = await (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('http_requests_total{') && line.includes('route="/graphql"')) total += Number(line.split(' ').pop());
  return total;
}

interface Helper {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A helper program of the benchmark (redis-server, haproxy) with a temporary directory: started,
 * waited for until `ready` says so (at most 10 s), and stopped with its directory removed.
 */
async function startHelper(
  name: string,
  command: string,
  args: (directory: string) => string[],
  url: string,
  ready: () => Promise<boolean>,
): Promise<Helper> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `channel-graph-bench-${name}-`));
  const child = spawn(command, args(directory), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }).then(() => fs.rmSync(directory, { recursive: true, force: true }));
  for (let attempt = 0; !(await ready()); attempt++) {
    if (attempt > 100 || child.exitCode !== null) {
      await stop();
      throw new Error(`${name} did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid!, stop };
}

/** A redis-server of the benchmark's own, as docker-compose.yml runs it (nothing on disk). */
function startRedis(port: number): Promise<Helper> {
  const url = `redis://127.0.0.1:${port}`;
  const args = (directory: string) => ['--port', String(port), '--bind', '127.0.0.1', ...REDIS_SERVER_FLAGS, '--dir', directory];
  return startHelper('redis', 'redis-server', args, url, () => redisAnswers(url));
}

/** HAProxy (round robin per request, kept-alive connections to the gateways) or the Node TCP balancer, in front of `gateways`. */
async function startBalancer(kind: string, gateways: Service[]): Promise<Helper> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  if (kind === 'node') {
    const targets = gateways.flatMap((g) => ['--to', `127.0.0.1:${g.port}`]);
    const service = await startService('balancer', 'dist/bench/balancer.js', ['--port', String(port), ...targets], {}, port);
    return { url, pid: service.process.pid!, stop: () => service.stop() };
  }
  const config = [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  option http-keep-alive',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    'frontend graphql',
    `  bind 127.0.0.1:${port}`,
    '  default_backend gateways',
    'backend gateways',
    '  balance roundrobin',
    '  http-reuse always',
    ...gateways.map((g, i) => `  server gateway${i + 1} 127.0.0.1:${g.port}`),
    '',
  ].join('\n');
  const ready = () =>
    fetch(url.replace('/graphql', '/ready')).then(
      (response) => response.ok,
      () => false,
    );
  return startHelper(
    'haproxy',
    'haproxy',
    (directory) => {
      fs.writeFileSync(path.join(directory, 'haproxy.cfg'), config);
      return ['-f', path.join(directory, 'haproxy.cfg'), '-db'];
    },
    url,
    ready,
  );
}

/** The rounds of one workload on one setup as one row: throughput over all of them, the mean of each latency percentile and machine figure. */
function combined(rounds: Measured[]) {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const mean = (values: number[]) => sum(values) / values.length;
  const requests = sum(rounds.map((m) => m.result.requests));
  const served = (rounds[0]?.served ?? []).map((_, gateway) => sum(rounds.map((m) => m.served[gateway] ?? 0)));
  return {
    throughput: requests / sum(rounds.map((m) => m.result.seconds)),
    p50: mean(rounds.map((m) => m.result.p50)),
    p95: mean(rounds.map((m) => m.result.p95)),
    p99: mean(rounds.map((m) => m.result.p99)),
    errors: sum(rounds.map((m) => m.result.errors)),
    firstError: rounds.find((m) => m.result.firstError)?.result.firstError,
    cpuPerThousand: (group: string) => (sum(rounds.map((m) => m.cpuSeconds[group] ?? 0)) / Math.max(1, requests)) * 1000,
    busy: mean(rounds.map((m) => m.machine.busyCores)),
    ours: mean(rounds.map((m) => m.machine.oursCores)),
    database: mean(rounds.map((m) => m.machine.databaseCores)),
    split: served.map((count) => count / Math.max(1, sum(served))),
  };
}

function report(
  measured: Measured[],
  run: {
    date: string;
    scale: string;
    seconds: number;
    warmupSeconds: number;
    connections: number;
    rounds: number;
    balancer: string;
    cores: number;
    loadBefore: number[];
    loadAfter: number[];
    minutes: number;
  },
): string {
  const sections = [
    `# Scale-out, ${run.date.slice(0, 16).replace('T', ' ')} UTC\n\n${run.scale} scale on MariaDB; ${run.connections} connections (closed loop, each request from one of ${run.connections} analysts, rate limiting on); ${run.rounds} round(s) of ${run.seconds} s per setup after ${run.warmupSeconds} s of warm-up each, the order reversed every other round; balancer: ${run.balancer}. Every process on this machine's ${run.cores} cores; load average ${run.loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${run.loadAfter.map((l) => l.toFixed(2)).join(' ')} after. Took ${run.minutes.toFixed(1)} min.`,
  ];
  for (const workload of [...new Set(measured.map((m) => m.workload))]) {
    const setups = [...new Set(measured.filter((m) => m.workload === workload).map((m) => m.setup))];
    const rows = setups.map((setup) => ({ setup, ...combined(measured.filter((m) => m.workload === workload && m.setup === setup)) }));
    const base = rows[0]!;
    sections.push(
      `## ${workload}\n\nRatios against the first row (one gateway alone, no Redis), measured in the same run: throughput higher is better, p50 lower is better. Throughput is over all rounds, latencies the mean of the rounds' percentiles. CPU is in seconds per 1,000 answers; "machine busy" is how many of the ${run.cores} cores were busy: ours (without the database), the database server (shared with whatever else uses it) and everything else on the machine.\n\n` +
        table(
          [
            'setup',
            'req/s',
            'vs alone',
            'p50 ms',
            'vs alone',
            'p95 ms',
            'p99 ms',
            'errors',
            'split',
            'CPU gateways',
            'redis',
            'balancer',
            'subgraphs',
            'machine busy (ours / db / others)',
          ],
          rows.map((row) => [
            row.setup,
            ...comparedCells(row, base, 1),
            row.split.map((share) => `${Math.round(share * 100)} %`).join(' / '),
            row.cpuPerThousand('gateways').toFixed(1),
            row.cpuPerThousand('redis').toFixed(2),
            row.cpuPerThousand('balancer').toFixed(2),
            row.cpuPerThousand('subgraphs').toFixed(1),
            `${row.busy.toFixed(2)} (${row.ours.toFixed(2)} / ${row.database.toFixed(2)} / ${Math.max(0, row.busy - row.ours - row.database).toFixed(2)})`,
          ]),
        ),
    );
    const failed = rows.find((row) => row.firstError);
    if (failed) sections.push(`First error (${failed.setup}): ${failed.firstError}`);
  }
  return sections.join('\n\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
