import type { AppConfig } from '../common/config';
import type { RunningService } from '../common/http';
import { startGateway } from '../gateway/gateway';
import { licencesSubgraph } from '../subgraphs/licences/subgraph';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph';
import { ANALYST, startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import type { Edges } from './kit/client';
import { observe, percentile, startDelayingProxy, startLoad, waitFor, type Observation } from './kit/faults';

/** Names from partners, cores from licences: with licences gone, names must still come back. */
const DIRECTORY = 'query Directory { partners(first: 5) { edges { node { id name licensedCores } } } }';
/** Two root fields from two subgraphs: programs must still answer when licences cannot. */
const PROGRAMS_AND_LICENCE = 'query ProgramsAndLicence { programs { code } licence(id: "lic-000001") { id } }';

/** What DIRECTORY answers. */
type Directory = { partners: { edges: Edges<{ id: string; name: string; licensedCores: number | null }> } };

const complete = (o: Observation<Directory>) =>
  o.status === 200 &&
  !o.errors &&
  o.data?.partners.edges.length === 5 &&
  o.data.partners.edges.every((e) => typeof e.node.licensedCores === 'number');

/** A partial answer: partner names present, cores null, one clean error naming licences at the path it would have filled. */
function expectPartial(o: Observation<Directory>, reasons: string[], internalPorts: number[]) {
  expect(o.status).toBe(200);
  expect(o.data?.partners.edges).toHaveLength(5);
  for (const { node } of o.data!.partners.edges) {
    expect(typeof node.name).toBe('string');
    expect(node.licensedCores).toBeNull();
  }
  expect(o.errors).toHaveLength(1);
  const error = o.errors?.[0];
  if (!error) throw new Error('expected an error in the answer');
  expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', subgraph: 'licences', reason: expect.any(String) });
  expect(reasons).toContain(error.extensions!.reason);
  expect(error.path).toEqual(['partners', 'edges']);
  expect(error.message).toMatch(
    /^The licences subgraph .*: the fields it provides at partners\.edges\.@\.node are missing from this answer\.$/,
  );
  for (const port of internalPorts) expect(o.text).not.toContain(`:${port}`);
  expect(o.text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|stacktrace/);
}

async function gatewayMetric(port: number, line: RegExp): Promise<number | null> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const found = text.split('\n').find((l) => line.test(l));
  return found ? Number(found.split(' ').pop()) : null;
}

describe(`faults: a subgraph slow or down behind the gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  let auth: Record<string, string>;
  beforeAll(async () => {
    stack = await startTestStack('demo', {
      SUBGRAPH_TIMEOUT_MS: '1000',
      CIRCUIT_BREAKER_RESET_MS: '700',
      CIRCUIT_BREAKER_MIN_REQUESTS: '3',
    });
    auth = await stack.authorization(ANALYST);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('slow beyond the timeout', () => {
    let proxy: Awaited<ReturnType<typeof startDelayingProxy>>;
    let gateway: RunningService;
    let url: string;
    beforeAll(async () => {
      proxy = await startDelayingProxy(stack.subgraphs.licences.port);
      const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]));
      const config: AppConfig = {
        ...stack.config,
        resilience: {
          ...stack.config.resilience,
          subgraphTimeoutMs: 1_500,
          breakerResetMs: 3_000,
          breakerMinRequests: 3,
          breakerErrorPercent: 50,
        },
      };
      gateway = await startGateway(config, { port: 0, subgraphUrls: { ...urls, licences: proxy.url } });
      url = `http://127.0.0.1:${gateway.port}/graphql`;
    });
    afterAll(async () => {
      await gateway?.close();
      await proxy?.close();
    });

    it('answers within the timeout with the other subgraphs’ data, then fails fast (circuit open), then recovers (half-open) without a restart', async () => {
      expect(complete(await observe<Directory>(url, DIRECTORY, {}, auth))).toBe(true);

      proxy.delayMs = 6_000;
      const first = await observe<Directory>(url, DIRECTORY, {}, auth);
      expectPartial(first, ['TIMEOUT'], [proxy.port, stack.subgraphs.licences.port]);
      expect(first.errors?.[0]?.message).toContain('did not answer within 1500 ms');
      expect(first.ms).toBeGreaterThanOrEqual(1_450);
      expect(first.ms).toBeLessThan(4_000); // the subgraph would have taken 6 s

      // A few more timeouts open the circuit: from then on the licences part fails at once.
      const later: Array<Observation<Directory>> = [];
      for (let i = 0; i < 8; i += 1) later.push(await observe<Directory>(url, DIRECTORY, {}, auth));
      for (const o of later) expectPartial(o, ['TIMEOUT', 'CIRCUIT_OPEN'], [proxy.port]);
      const fast = later.filter((o) => o.errors?.[0]?.extensions!.reason === 'CIRCUIT_OPEN');
      expect(fast.length).toBeGreaterThanOrEqual(4);
      // No waiting for the timeout any more: each answer comes back well before 1.5 s.
      expect(
        percentile(
          fast.map((o) => o.ms),
          100,
        ),
      ).toBeLessThan(1_000);
      expect(fast[0]?.errors?.[0]?.message).toContain('circuit open');
      expect(await gatewayMetric(gateway.port, /^gateway_subgraph_circuit_state\{.*subgraph="licences"/)).toBe(2);
      expect(
        await gatewayMetric(gateway.port, /^gateway_subgraph_fetch_failures_total\{.*subgraph="licences",reason="timeout"/),
      ).toBeGreaterThanOrEqual(2);
      // Partial answers are counted as such.
      expect(
        await gatewayMetric(gateway.port, /^graphql_operations_total\{.*operation="Directory",type="query",outcome="partial"/),
      ).toBeGreaterThanOrEqual(9);

      // Fast again: after the reset time one trial fetch goes through, succeeds, and the circuit closes.
      proxy.delayMs = 0;
      const recoveredAfter = await waitFor(
        'complete answers through the gateway again',
        async () => complete(await observe<Directory>(url, DIRECTORY, {}, auth)),
        8_000,
        200,
      );
      expect(recoveredAfter).toBeGreaterThan(0);
      for (let i = 0; i < 5; i += 1) expect(complete(await observe<Directory>(url, DIRECTORY, {}, auth))).toBe(true);
      expect(await gatewayMetric(gateway.port, /^gateway_subgraph_circuit_state\{.*subgraph="licences"/)).toBe(0);
    });
  });

  describe('killed under load and started again', () => {
    let restarted: RunningSubgraph | undefined;
    afterAll(async () => {
      await restarted?.close();
    });

    it('the gateway keeps answering the other subgraphs’ data with clean errors, fails fast, and recovers when licences returns', async () => {
      const licencesPort = stack.subgraphs.licences.port;
      const load = startLoad(4, () => observe<Directory>(stack.gatewayUrl, DIRECTORY, {}, auth));
      try {
        // Counts of answers, not fixed durations: a busy machine answers more slowly, the test waits (bounded).
        await waitFor('answers before the kill', () => load.observations.length >= 8, 15_000, 20);
        const healthy = [...load.observations];
        expect(healthy.filter((o) => !complete(o))).toEqual([]);

        await stack.subgraphs.licences.close();
        const killedAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await waitFor('answers while licences is down', () => load.since(killedAt + 50).length >= 12, 15_000, 20);
        const during = load.since(killedAt + 50); // requests sent after the kill
        for (const o of during) expectPartial(o, ['UNREACHABLE', 'CIRCUIT_OPEN'], [licencesPort]);
        const fast = during.filter((o) => o.errors?.[0]?.extensions!.reason === 'CIRCUIT_OPEN');
        expect(fast.length).toBeGreaterThan(0);
        // Root fields of other subgraphs answer; the unavailable root field is null with its own path.
        const mixed = await observe<{ programs: Array<{ code: string }>; licence: { id: string } | null }>(
          stack.gatewayUrl,
          PROGRAMS_AND_LICENCE,
          {},
          auth,
        );
        expect(mixed.status).toBe(200);
        expect(mixed.data?.programs.map((p) => p.code).sort()).toEqual(['ADVANTAGE', 'VCPP', 'VCSP', 'WHITE_LABEL']);
        expect(mixed.data?.licence).toBeNull();
        expect(mixed.errors).toEqual([
          {
            message: expect.stringMatching(/^The licences subgraph .* \(licence\) are missing from this answer\.$/),
            path: ['licence'],
            extensions: {
              code: 'SERVICE_UNAVAILABLE',
              subgraph: 'licences',
              reason: expect.stringMatching(/^(UNREACHABLE|CIRCUIT_OPEN)$/),
            },
          },
        ]);

        // The same subgraph on the same port again (the gateway was not restarted).
        restarted = await startSubgraph(licencesSubgraph, stack.config, { port: licencesPort, dataSource: stack.dataSources.licences });
        const restartedAt = Date.now();
        await waitFor('complete answers after the restart', () => load.since(restartedAt).some(complete), 8_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const settledAt = Date.now();
        await waitFor('answers after the restart', () => load.since(settledAt).length >= 8, 15_000, 20);
        const after = load.since(settledAt);
        expect(after.filter((o) => !complete(o))).toEqual([]);
      } finally {
        await load.stop();
      }
      // Nothing at any time was an internal error or a failed HTTP exchange.
      expect(
        load.observations.filter((o) => o.status !== 200 || o.errors?.some((e) => e.extensions?.code !== 'SERVICE_UNAVAILABLE')),
      ).toEqual([]);
    });
  });
});
