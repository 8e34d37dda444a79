import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../common/paths';
import { requestBody } from './client';

/** One answer seen by the load generator: status, errors, data, how long it took and when. */
export interface Observation<TData = unknown> {
  at: number;
  ms: number;
  status: number | null;
  transportError?: string;
  data?: TData;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  text?: string;
}

/** Sends one GraphQL request and records what came back, never throwing. */
export async function observe<TData = unknown>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<Observation<TData>> {
  const at = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: requestBody(query, variables),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let body: { data?: TData; errors?: Observation['errors'] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON: kept as text, the test decides
    }
    return { at, ms: Date.now() - at, status: response.status, data: body.data, errors: body.errors, text };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { at, ms: Date.now() - at, status: null, transportError: cause?.code ?? (error as Error).message };
  }
}

/** Steady load: `workers` loops each sending `next()` until stopped; every observation is kept. */
export function startLoad<TData = unknown>(
  workers: number,
  next: (worker: number, i: number) => Promise<Observation<TData>>,
  pauseMs = 10,
) {
  const observations: Array<Observation<TData>> = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let i = 0; running; i += 1) {
      observations.push(await next(worker, i));
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    observations,
    /** Observations since a moment. */
    since: (at: number) => observations.filter((o) => o.at >= at),
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Polls `check` until it is true or the time is up. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A free TCP port on 127.0.0.1 (closed again at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * An HTTP proxy in front of a service (real sockets) that can delay every answer: a subgraph that
 * is slow without being down. `record` sees each request's headers and body as they pass.
 */
export async function startDelayingProxy(
  targetPort: number,
  record?: (headers: http.IncomingHttpHeaders, body: Buffer) => void,
): Promise<{ url: string; port: number; delayMs: number; close(): Promise<void> }> {
  const state = { delayMs: 0 };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const forward = () => {
      const upstream = http.request(
        { host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    };
    const chunks: Buffer[] = [];
    let body: Buffer = Buffer.alloc(0);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      body = Buffer.concat(chunks);
      record?.(req.headers, body);
      if (state.delayMs > 0) setTimeout(forward, state.delayMs);
      else forward();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Free ports for a stack run as its own process (`node dist/stack/main.js`), written into `env` with the peer URLs; returns the gateway's port. */
async function stackPortsInto(env: NodeJS.ProcessEnv): Promise<number> {
  const ports = {
    GATEWAY_PORT: await freePort(),
    PARTNERS_PORT: await freePort(),
    PROGRAMS_PORT: await freePort(),
    LICENCES_PORT: await freePort(),
    CUSTOMERS_PORT: await freePort(),
  };
  Object.assign(env, Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])));
  for (const name of ['PARTNERS', 'PROGRAMS', 'LICENCES', 'CUSTOMERS'] as const)
    env[`${name}_URL`] = `http://127.0.0.1:${ports[`${name}_PORT`]}/graphql`;
  return ports.GATEWAY_PORT;
}

export interface BuiltStack {
  child: ChildProcess;
  /** The gateway's base URL, e.g. http://127.0.0.1:40123. */
  base: string;
  /** Everything the process has printed so far (stdout and stderr). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * The stack as its own process (`node dist/stack/main.js`, built beforehand) on free ports written
 * into `env`, once its gateway is ready; stopped if it never gets there.
 */
export async function startBuiltStack(env: NodeJS.ProcessEnv): Promise<BuiltStack> {
  const main = path.join(projectRoot(), 'dist', 'stack', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` before this test (.ci/run does).`);
  const base = `http://127.0.0.1:${await stackPortsInto(env)}`;
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  try {
    await waitFor(
      'the stack to be ready',
      async () => {
        if (child.exitCode !== null) throw new Error(`the stack exited early:\n${output}`);
        return fetch(`${base}/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
      },
      60_000,
      200,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, base, output: () => output, exited };
}
