import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../common/logger';
import type { RunningService } from '../common/http';
import { startGateway } from '../gateway/gateway';
import { partnersSubgraph } from '../subgraphs/partners/subgraph';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph';
import { graphql, graphqlData, operation } from './kit/client';
import { captureLogs } from './kit/logs';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const HEADLINE = operation('WhoResellsWhatToWhom');

async function metricsOf(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample, e.g. sample(text, 'graphql_operations_total', { operation: 'X', outcome: 'success' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return null;
}

describe(`observability: /metrics and request ids (${storeLabel()})`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('the gateway counts operations by name and outcome, times them, and times fetches per subgraph', async () => {
    const before = await metricsOf(stack.gateway.port);
    expect(sample(before, 'graphql_operations_total', { operation: 'WhoResellsWhatToWhom', outcome: 'success' })).toBeNull();
    await graphqlData(stack.gatewayUrl, HEADLINE, { first: 5 });
    await graphqlData(stack.gatewayUrl, HEADLINE, { first: 5 });
    const failed = await graphql(stack.gatewayUrl, 'query Broken { noSuchField }');
    expect(failed.status).toBe(400);

    const text = await metricsOf(stack.gateway.port);
    expect(
      sample(text, 'graphql_operations_total', {
        service: 'gateway',
        operation: 'WhoResellsWhatToWhom',
        type: 'query',
        outcome: 'success',
      }),
    ).toBe(2);
    expect(sample(text, 'graphql_operations_total', { operation: 'Broken', outcome: 'error' })).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count', { operation: 'WhoResellsWhatToWhom', outcome: 'success' })).toBe(2);
    expect(sample(text, 'http_requests_total', { route: '/graphql', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'http_requests_total', { route: '/graphql', method: 'POST', status: '400' })).toBe(1);
    // The headline operation asks all four subgraphs.
    for (const subgraph of ['partners', 'programs', 'licences', 'customers']) {
      expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph, outcome: 'ok' })).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'gateway_subgraph_circuit_state', { subgraph })).toBe(0);
    }
    expect(sample(text, 'process_resident_memory_bytes', { service: 'gateway' })).toBeGreaterThan(10_000_000);
    expect(sample(text, 'nodejs_heap_size_used_bytes', { service: 'gateway' })).toBeGreaterThan(0);
  });

  it('each subgraph has its own registry with operations, SQL latency and (on MySQL) pool usage', async () => {
    await graphqlData(stack.gatewayUrl, '{ partners(first: 3) { edges { node { name licensedCores } } } }');
    for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
      const text = await metricsOf(subgraph.port);
      expect(sample(text, 'process_resident_memory_bytes', { service: name })).toBeGreaterThan(0);
      // Nothing of the gateway's or of another subgraph's registry.
      expect(text).not.toContain('gateway_subgraph_fetch');
      expect(text).not.toMatch(new RegExp(`service="(?!${name}")`));
      expect(sample(text, 'db_connected')).toBe(1);
      if (name === 'partners' || name === 'licences') {
        expect(sample(text, 'graphql_operations_total', { outcome: 'success' })).toBeGreaterThanOrEqual(1);
        expect(sample(text, 'db_query_duration_seconds_count', { statement: 'select', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
      }
      if (stack.config.store.kind === 'mysql') {
        expect(sample(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
        expect(sample(text, 'db_pool_connections', { state: 'limit' })).toBe(stack.config.store.poolSize);
      } else {
        expect(sample(text, 'db_pool_connections', { state: 'total' })).toBeNull(); // SQLite has no pool
      }
    }
  });

  it('returns the caller’s x-request-id, or a new one when missing or unusable', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...(useAuth ?? {}) },
        body: JSON.stringify({ query: '{ programs { code } }' }),
      });
    const useAuth = await stack.authorization({ subject: 'obs', role: 'ANALYST', partnerId: null });
    expect((await post({ 'x-request-id': 'client-id-42' })).headers.get('x-request-id')).toBe('client-id-42');
    const generated = (await post({})).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = (await post({ 'x-request-id': 'bad id with spaces and "quotes"' })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    // Answers are not hashed for an ETag (nothing revalidates a POST); the dashboard's static files keep theirs.
    expect((await post({})).headers.get('etag')).toBeNull();
    expect((await fetch(`http://127.0.0.1:${stack.gateway.port}/dashboard/app.js`)).headers.get('etag')).toBeTruthy();
    // Refusals before GraphQL carry one too.
    const refused = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'no-token' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('no-token');
  });

  describe('propagation from the gateway to subgraphs and into their logs', () => {
    let partners: RunningSubgraph;
    let gateway: RunningService;
    let proxy: http.Server;
    const seenBySubgraph: string[] = [];
    const subgraphLogs = captureLogs();
    const gatewayLogs = captureLogs();

    beforeAll(async () => {
      // A second partners subgraph on the same database, logging at debug into memory …
      partners = await startSubgraph(partnersSubgraph, stack.config, {
        port: 0,
        dataSource: stack.dataSources.partners,
        logger: createLogger('partners', 'debug', subgraphLogs.stream),
      });
      // … behind a recording proxy (real sockets), so the test sees the headers the subgraph receives.
      proxy = http.createServer((req, res) => {
        seenBySubgraph.push(String(req.headers['x-request-id'] ?? '(none)'));
        const upstream = http.request(
          { host: '127.0.0.1', port: partners.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        req.pipe(upstream);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]));
      gateway = await startGateway(stack.config, {
        port: 0,
        subgraphUrls: { ...urls, partners: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` },
        logger: createLogger('gateway', 'debug', gatewayLogs.stream),
      });
    });
    afterAll(async () => {
      await gateway?.close();
      await new Promise((resolve) => proxy?.close(resolve));
      await partners?.close();
    });

    it('every subgraph fetch of a request carries its id, and both services log it', async () => {
      const url = `http://127.0.0.1:${gateway.port}/graphql`;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': 'trace-me-7',
          ...(await stack.authorization({ subject: 'obs', role: 'ANALYST', partnerId: null })),
        },
        body: JSON.stringify({ query: HEADLINE, variables: { first: 3 } }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('trace-me-7');
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      // The headline operation fetches partner names (twice: primaries and secondaries, possibly in one fetch).
      expect(seenBySubgraph.length).toBeGreaterThanOrEqual(1);
      expect(new Set(seenBySubgraph)).toEqual(new Set(['trace-me-7']));

      await new Promise((resolve) => setTimeout(resolve, 50)); // access lines are written when responses finish
      const subgraphLine = subgraphLogs.lines.find((line) => line.msg === 'request' && line.path === '/graphql');
      expect(subgraphLine).toMatchObject({ service: 'partners', requestId: 'trace-me-7', status: 200 });
      const gatewayLine = gatewayLogs.lines.find((line) => line.msg === 'request' && line.path === '/graphql');
      expect(gatewayLine).toMatchObject({ service: 'gateway', requestId: 'trace-me-7', status: 200 });
    });
  });
});
