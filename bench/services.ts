import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../common/paths';

export interface Service {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a service as its own process and waits until `readyPath` answers 200. */
export async function startService(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, port: number, readyPath = '/ready', nodeArgs: string[] = []): Promise<Service> {
  const child = spawn(process.execPath, [...nodeArgs, path.join(projectRoot(), script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${base}${readyPath}`, { method: readyPath === '/graphql' ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: readyPath === '/graphql' ? '{"query":"{__typename}"}' : undefined })).status < 500) break;
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
export async function peakMemory<T>(pids: Record<string, number>, work: () => Promise<T>): Promise<{ result: T; peakMiB: Record<string, number> }> {
  const peakMiB: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, residentMiB(pid)]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) peakMiB[name] = Math.max(peakMiB[name], residentMiB(pid));
  }, 500);
  try {
    return { result: await work(), peakMiB };
  } finally {
    clearInterval(timer);
  }
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
