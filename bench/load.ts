import http from 'node:http';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Answers that were not HTTP 200 with data and no GraphQL errors (or that failed). */
  errors: number;
  /** The first such answer, shortened: what the errors were. */
  firstError?: string;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

/** One unit of work, run by connection `worker` (0 … connections − 1): resolves true when the answer was good, else false or what was wrong. */
export type Task = (worker: number) => Promise<true | false | string>;

/**
 * A closed-loop load generator: `connections` workers each run `task` back to back for
 * `seconds` (after `warmupSeconds` not counted). Latencies are exact (every request timed).
 */
export async function closedLoop(
  task: Task,
  options: { connections: number; seconds: number; warmupSeconds?: number },
): Promise<LoadResult> {
  if (options.warmupSeconds) await runFor(task, options.connections, options.warmupSeconds * 1000, null);
  const latencies: number[] = [];
  const started = performance.now();
  const { errors, firstError } = await runFor(task, options.connections, options.seconds * 1000, latencies);
  // Requests still running at the deadline finish: throughput is over the time actually taken.
  return {
    ...summarise(latencies, errors, options.connections, (performance.now() - started) / 1000),
    ...(firstError ? { firstError } : {}),
  };
}

async function runFor(
  task: Task,
  connections: number,
  ms: number,
  latencies: number[] | null,
): Promise<{ errors: number; firstError?: string }> {
  const end = performance.now() + ms;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async (index: number) => {
    while (performance.now() < end) {
      const started = performance.now();
      let outcome: true | false | string;
      try {
        outcome = await task(index);
      } catch (error) {
        outcome = (error as Error).message;
      }
      latencies?.push(performance.now() - started);
      if (outcome !== true) {
        errors += 1;
        firstError ??= typeof outcome === 'string' ? outcome.slice(0, 300) : 'failed';
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, index) => worker(index)));
  return { errors, firstError };
}

export function summarise(latencies: number[], errors: number, connections: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    connections,
    seconds,
    requests: sorted.length,
    errors,
    throughput: sorted.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

const agents = new Map<string, http.Agent>();

/** POSTs a GraphQL body over a kept-alive connection; good means HTTP 200 with data and no errors. `headers` may differ per connection (a different caller on each). */
export function graphqlTask(url: string, body: string, headers: (worker: number) => Record<string, string>): Task {
  const send = graphqlSender(url);
  return (worker) => send(body, headers(worker));
}

/** Sends any body with any headers to one URL over kept-alive connections: true when HTTP 200 with data and no errors, else what came back. */
export function graphqlSender(url: string): (body: string, headers: Record<string, string>) => Promise<true | string> {
  const target = new URL(url);
  const agent = agents.get(target.host) ?? new http.Agent({ keepAlive: true, maxSockets: 256 });
  agents.set(target.host, agent);
  return (body, headers) =>
    new Promise<true | string>((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve(
              response.statusCode === 200 && text.startsWith('{"data"') && !text.includes('"errors"')
                ? true
                : `HTTP ${response.statusCode}: ${text.slice(0, 300)}`,
            );
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** Posts once and returns the parsed answer. */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}
