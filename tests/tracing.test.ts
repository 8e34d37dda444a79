import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../common/config';
import { issueToken } from '../common/identity';
import { startBuiltStack } from './kit/faults';
import { operation } from './kit/client';
import { dropTestStore, storeLabel } from './kit/store';

/** Spans the console exporter printed: `{ traceId, name, … }` blocks, read by their two fields. */
function spansIn(output: string): Array<{ traceId: string; name: string }> {
  const spans: Array<{ traceId: string; name: string }> = [];
  for (const block of output.split(/\n(?=\{\n)/)) {
    const traceId = block.match(/traceId: '([0-9a-f]{32})'/)?.[1];
    const name = block.match(/\n {2}name: '([^']+)'/)?.[1];
    if (traceId && name) spans.push({ traceId, name });
  }
  return spans;
}

/**
 * Tracing switched on by the standard variable (OTEL_TRACES_EXPORTER=console): the stack as its
 * own process (`node dist/stack/main.js`; CI builds dist/ first), one operation, then SIGTERM
 * flushes the spans. The gateway's plan and fetch spans and the subgraphs' GraphQL spans share one
 * trace: the trace context crosses the HTTP hop.
 */
describe(`tracing with OpenTelemetry (${storeLabel()})`, () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    SEED_ON_START: 'demo',
    OTEL_TRACES_EXPORTER: 'console',
    SQLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'channel-graph-tracing-')),
    MYSQL_DATABASE_PREFIX: `cgtest_trace_${process.pid}_${Math.random().toString(36).slice(2, 8)}_`,
  };
  afterAll(async () => {
    await dropTestStore(loadConfig(env).store);
  });

  it('exports spans of the gateway and of the subgraphs, in one trace per request', async () => {
    const { child, base, output, exited } = await startBuiltStack(env);
    try {
      const token = await issueToken(
        { subject: 'tracing-test', role: 'ANALYST', partnerId: null },
        { secret: DEVELOPMENT_JWT_SECRET, issuer: 'channel-graph', audience: 'channel-graph', expiresIn: '5m' },
      );
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: operation('WhoResellsWhatToWhom'), variables: { first: 3 } }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      // A write whose rule asks other subgraphs (partners, programs) for the partners' standing.
      const vendor = await issueToken(
        { subject: 'tracing-test', role: 'VENDOR', partnerId: null },
        { secret: DEVELOPMENT_JWT_SECRET, issuer: 'channel-graph', audience: 'channel-graph', expiresIn: '5m' },
      );
      const signing = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${vendor}` },
        body: JSON.stringify({
          query:
            'mutation SignProbe { signWhiteLabelAgreement(input: { primaryId: "ptn-nobody-1", secondaryId: "ptn-nobody-2", signedOn: "2026-01-01" }) { errors { code } } }',
        }),
      });
      expect(
        ((await signing.json()) as { data: { signWhiteLabelAgreement: { errors: Array<{ code: string }> } } }).data.signWhiteLabelAgreement
          .errors[0]?.code,
      ).toBe('NOT_FOUND');
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exited).code).toBe(0);

    const spans = spansIn(output());
    const fetches = spans.filter((span) => span.name === 'gateway.fetch');
    expect(fetches.length).toBeGreaterThan(0);
    const trace = fetches[0]!.traceId;
    const inTrace = new Set(spans.filter((span) => span.traceId === trace).map((span) => span.name));
    // @apollo/gateway's spans; with Hive's Rust planner (GATEWAY_QUERY_PLANNER=rust) ours, which cannot time planning apart.
    const gatewaySpans =
      loadConfig(env).queryPlanner === 'rust' ? ['gateway.request', 'gateway.fetch'] : ['gateway.request', 'gateway.plan', 'gateway.fetch'];
    expect([...inTrace]).toEqual(expect.arrayContaining(gatewaySpans));
    // The subgraphs' side of the same request, reached over HTTP: each subgraph's operation span
    // (Apollo names the fetches <operation>__<subgraph>__<n>) and its field spans.
    const subgraphsInTrace = new Set([...inTrace].flatMap((name) => name.match(/^query WhoResellsWhatToWhom__(\w+?)__\d+$/)?.[1] ?? []));
    expect(subgraphsInTrace).toEqual(new Set(['partners', 'programs', 'licences', 'customers']));
    expect(inTrace).toContain('graphql.resolve _entities');
    // A subgraph asking another one carries the trace on: the peers' spans join the write's trace.
    const write = spans.find((span) => span.name === 'mutation SignProbe__licences__0');
    expect(write).toBeDefined();
    const inWrite = spans.filter((span) => span.traceId === write!.traceId).map((span) => span.name);
    expect(inWrite.filter((name) => name === 'query')).toHaveLength(2);
    expect(inWrite).toContain('graphql.resolve _entities.*.channelStatus');
    // And their SQL: mysql2's instrumentation names spans by statement, SQLite's are ours.
    const sqlSpans = [...inTrace].filter((name) => (storeLabel() === 'SQLite' ? name === 'sqlite select' : /^select\b/i.test(name)));
    expect(sqlSpans.length).toBeGreaterThan(0);
  }, 120_000);
});
