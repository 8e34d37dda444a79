import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, SUBGRAPH_NAMES, type StoreConfig, type SubgraphName } from '../common/config';
import { projectRoot } from '../common/paths';
import type { Scale } from '../demo/generator';
import { seedStore } from '../demo/seed';
import { closeStore, openStore } from '../subgraphs/store';

/** The benchmark's MySQL/MariaDB store. */
export type BenchStore = Extract<StoreConfig, { kind: 'mysql' }>;

/** The benchmark's own databases at a scale (channel_bench_<scale>_*, MYSQL_* for the server), seeded the first time only. */
export async function benchStore(scale: Scale, log: (message: string) => void): Promise<BenchStore> {
  const config = loadConfig({
    ...process.env,
    CHANNEL_STORE: 'mysql',
    MYSQL_DATABASE_PREFIX: `channel_bench_${scale}_`,
    LOG_LEVEL: 'warn',
  });
  const store = config.store as BenchStore;
  log(`${scale} data in ${store.databasePrefix}* (seeded the first time, then kept)`);
  const dataSources = await openStore(store, { runMigrations: true });
  try {
    const outcome = await seedStore(dataSources, scale, { replace: false });
    log(outcome === 'seeded' ? `seeded ${scale}` : `${scale} data already there`);
  } finally {
    await closeStore(dataSources);
  }
  return store;
}

/** The four subgraphs as processes on `store`, each on its port, with `env` (secrets, log level …). */
export async function startSubgraphProcesses(
  store: BenchStore,
  ports: Record<SubgraphName, number>,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
  nodeArgs: (name: SubgraphName) => string[] = () => [],
  root = projectRoot(),
): Promise<Record<SubgraphName, Service>> {
  log(`starting the four subgraphs on ${store.databasePrefix}*`);
  const storeEnv = { ...env, CHANNEL_STORE: 'mysql', MYSQL_DATABASE_PREFIX: store.databasePrefix, RUN_MIGRATIONS: 'false' };
  const started = await Promise.all(
    SUBGRAPH_NAMES.map((name) =>
      startService(
        name,
        path.join(root, `dist/subgraphs/${name}/main.js`),
        [],
        { ...storeEnv, [`${name.toUpperCase()}_PORT`]: String(ports[name]) },
        ports[name],
        '/ready',
        nodeArgs(name),
      ),
    ),
  );
  return Object.fromEntries(started.map((service) => [service.name, service])) as Record<SubgraphName, Service>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Service {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a service as its own process (`script` from the project's root unless absolute) and waits until `readyPath` answers 200. */
export async function startService(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  readyPath = '/ready',
  nodeArgs: string[] = [],
): Promise<Service> {
  const child = spawn(process.execPath, [...nodeArgs, path.isAbsolute(script) ? script : path.join(projectRoot(), script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${stderr}`);
    try {
      if (
        (
          await fetch(`${base}${readyPath}`, {
            method: readyPath === '/graphql' ? 'POST' : 'GET',
            headers: { 'content-type': 'application/json' },
            body: readyPath === '/graphql' ? '{"query":"{__typename}"}' : undefined,
          })
        ).status < 500
      )
        break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 120 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    port,
    url: `${base}/graphql`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Resident memory of a process, in MiB. */
export function residentMiB(pid: number): number {
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  } catch {
    return NaN;
  }
}

/** Samples the peak resident memory of some processes while `work` runs. */
export async function peakMemory<T>(
  pids: Record<string, number>,
  work: () => Promise<T>,
): Promise<{ result: T; peakMiB: Record<string, number> }> {
  const peakMiB: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, residentMiB(pid)]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) peakMiB[name] = Math.max(peakMiB[name] ?? 0, residentMiB(pid));
  }, 500);
  try {
    return { result: await work(), peakMiB };
  } finally {
    clearInterval(timer);
  }
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere or when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at the state, field 3; utime and stime are fields 14 and 15.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** The local MySQL/MariaDB server's process, when it runs on this machine (to count its CPU time too). */
export function databaseServerPid(): number | null {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = Number(execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim());
      if (pid > 0) return pid;
    } catch {
      // not running under that name
    }
  }
  return null;
}

/** CPU seconds each process used while `work` ran; `self` is this process (the load generator, and the floor's driver). */
export async function cpuDuring<T>(
  pids: Record<string, number>,
  work: () => Promise<T>,
): Promise<{ result: T; cpuSeconds: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const selfBefore = process.cpuUsage();
  const result = await work();
  const self = process.cpuUsage(selfBefore);
  const used: Record<string, number> = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - (before[name] ?? 0)]),
  );
  used.self = (self.user + self.system) / 1e6;
  return { result, cpuSeconds: used };
}

/** SQL statements the subgraphs have sent so far, from their /metrics. */
export async function statementsSent(metricsUrls: string[]): Promise<number> {
  let total = 0;
  for (const url of metricsUrls) {
    const text = await (await fetch(url)).text();
    for (const line of text.split('\n')) if (line.startsWith('db_query_duration_seconds_count')) total += Number(line.split(' ').pop());
  }
  return total;
}
