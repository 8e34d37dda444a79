import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { context as otelContext, propagation } from '@opentelemetry/api';
import CircuitBreaker from 'opossum';
import { GraphQLError, Kind, parse, type DocumentNode } from 'graphql';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ResilienceConfig } from '../common/config';
import { LATENCY_BUCKETS } from '../common/metrics';

/** Why a subgraph fetch gave up: each becomes SERVICE_UNAVAILABLE for the part of the answer that subgraph provides. */
export type FetchFailure = 'timeout' | 'unreachable' | 'circuit_open' | 'unavailable_status';

/** Subgraph fetch metrics of one gateway (its own registry). */
export class SubgraphFetchMetrics {
  readonly seconds: Histogram<'subgraph' | 'outcome'>;
  readonly failures: Counter<'subgraph' | 'reason'>;
  readonly circuit: Gauge<'subgraph'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.seconds = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Gateway fetches to each subgraph: latency by outcome (ok, error: an HTTP or transport failure, rejected: circuit open)',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.failures = new Counter({
      name: 'gateway_subgraph_fetch_failures_total',
      help: 'Failed gateway fetches to each subgraph by reason: timeout, unreachable, circuit_open, unavailable_status (502/503/504), http_error (other HTTP errors)',
      labelNames: ['subgraph', 'reason'],
      registers,
    });
    this.circuit = new Gauge({
      name: 'gateway_subgraph_circuit_state',
      help: 'Circuit breaker of each subgraph: 0 closed, 1 half-open (one trial fetch), 2 open (failing fast)',
      labelNames: ['subgraph'],
      registers,
    });
  }
}

/** The bound @apollo/gateway puts on a data source's request context (its own `Record<string, any>`). */
export type RequestContext = GatewayGraphQLRequestContext['context'];

type Process<TContext extends RequestContext> = GraphQLDataSourceProcessOptions<TContext>;

const TRANSPORT_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ERR_SOCKET|UND_ERR)/;

function httpStatusOf(error: unknown): number | null {
  const status = (error as { extensions?: { response?: { status?: unknown } } })?.extensions?.response?.status;
  return typeof status === 'number' ? status : null;
}

/** Response keys (alias or name) of a root fetch's top-level fields, e.g. ['licence'] for `{ licence(id: …) { … } }`. */
function rootFieldsOf(document: DocumentNode | undefined, query: string | undefined): string[] {
  let parsed = document;
  try {
    parsed ??= query ? parse(query) : undefined;
  } catch {
    return [];
  }
  const operation = parsed?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  return operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD && s.name.value !== '__typename' ? [s.alias?.value ?? s.name.value] : [],
  );
}

/**
 * Where the missing part of the answer is: for an entity fetch, its path up to the first list
 * marker '@' (a real response path); for a root fetch, its root field (the first, if several).
 */
export function errorPath(path: ReadonlyArray<string | number> | undefined, rootFields: string[]): Array<string | number> | undefined {
  if (!path || path.length === 0) return rootFields[0] === undefined ? undefined : [rootFields[0]];
  const cut = path.indexOf('@');
  const prefix = cut === -1 ? [...path] : path.slice(0, cut);
  return prefix.length > 0 ? prefix : undefined;
}

/** The clean error for a subgraph that did not answer: its name (never its address), why, and what is missing where. */
export function subgraphUnavailable(
  subgraph: string,
  failure: FetchFailure,
  timeoutMs: number,
  where: string,
  path: ReadonlyArray<string | number> | undefined,
): GraphQLError {
  const why: Record<FetchFailure, string> = {
    timeout: `did not answer within ${timeoutMs} ms`,
    unreachable: 'cannot be reached',
    circuit_open: 'is failing and is not being asked for a while (circuit open)',
    unavailable_status: 'is unavailable',
  };
  return new GraphQLError(`The ${subgraph} subgraph ${why[failure]}: the fields it provides${where} are missing from this answer.`, {
    path,
    extensions: { code: 'SERVICE_UNAVAILABLE', subgraph, reason: failure.toUpperCase() },
  });
}

/**
 * A subgraph data source that never lets one subgraph hold an answer hostage:
 * - every fetch has a deadline (`SUBGRAPH_TIMEOUT_MS`), after which the request is aborted;
 * - a circuit breaker per subgraph (opossum) opens when too many fetches fail, so a dead subgraph
 *   costs an immediate failure instead of a timeout, and lets one trial fetch through after
 *   `CIRCUIT_BREAKER_RESET_MS` (half-open), closing again when it succeeds: recovery needs no restart;
 * - a transport failure, a timeout, an open circuit or a 502/503/504 becomes one clean GraphQL error
 *   `SERVICE_UNAVAILABLE` naming the subgraph (never its address) at the path it would have filled;
 *   the gateway still answers with what the other subgraphs returned.
 * Errors that subgraphs return inside a 200 answer (business errors) are not failures of the subgraph.
 */
export class ResilientDataSource<TContext extends RequestContext = RequestContext> extends RemoteGraphQLDataSource<TContext> {
  private readonly breaker: CircuitBreaker<[Process<TContext>], GatewayGraphQLResponse>;

  constructor(
    readonly subgraph: string,
    url: string,
    private readonly settings: ResilienceConfig,
    private readonly metrics: SubgraphFetchMetrics,
  ) {
    // Node's own fetch (undici: kept-alive, pooled connections per subgraph) instead of the default
    // make-fetch-happen, whose caching and retry layers cost gateway CPU on every fetch (bench/README.md).
    super({ url, fetcher: fetch });
    const fetchWithoutDeadline = this.fetcher;
    this.fetcher = ((input: string, init?: { headers?: Record<string, string> } & Record<string, unknown>) => {
      // Trace context (traceparent) of the gateway's fetch span, when tracing is on: Node's fetch is
      // not instrumented by the http instrumentation, so the subgraph's spans join the trace this way.
      const headers = { ...(init?.headers ?? {}) };
      propagation.inject(otelContext.active(), headers);
      return fetchWithoutDeadline(input, { ...init, headers, signal: AbortSignal.timeout(settings.subgraphTimeoutMs) });
    }) as typeof this.fetcher;
    const processOnce = (options: Process<TContext>) =>
      RemoteGraphQLDataSource.prototype.process.call<this, [Process<TContext>], Promise<GatewayGraphQLResponse>>(this, options);
    this.breaker = new CircuitBreaker(processOnce, {
      name: subgraph,
      timeout: false, // the fetch itself is aborted at the deadline
      enabled: settings.breakerErrorPercent > 0,
      errorThresholdPercentage: settings.breakerErrorPercent,
      volumeThreshold: settings.breakerMinRequests,
      resetTimeout: settings.breakerResetMs,
      rollingCountTimeout: 10_000,
      rollingCountBuckets: 10,
      // HTTP 4xx (e.g. 401) is the request's fault, not the subgraph's health.
      errorFilter: (error: unknown) => {
        const status = httpStatusOf(error);
        return status !== null && status < 500;
      },
    });
    metrics.circuit.set({ subgraph }, 0);
    this.breaker.on('open', () => metrics.circuit.set({ subgraph }, 2));
    this.breaker.on('halfOpen', () => metrics.circuit.set({ subgraph }, 1));
    this.breaker.on('close', () => metrics.circuit.set({ subgraph }, 0));
  }

  /** Circuit state, for readiness details and tests. */
  get circuitState(): 'closed' | 'open' | 'half-open' {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  override async process(options: Process<TContext>): Promise<GatewayGraphQLResponse> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const response = await this.breaker.fire(options);
      this.metrics.seconds.observe({ subgraph: this.subgraph, outcome: 'ok' }, seconds());
      return response;
    } catch (error) {
      const failure = this.failureOf(error);
      this.metrics.seconds.observe({ subgraph: this.subgraph, outcome: failure === 'circuit_open' ? 'rejected' : 'error' }, seconds());
      this.metrics.failures.inc({ subgraph: this.subgraph, reason: failure ?? 'http_error' });
      if (!failure) throw error; // another HTTP error: masked as before (401 UNAUTHENTICATED, 500 INTERNAL_SERVER_ERROR …)
      const path =
        'pathInIncomingRequest' in options ? (options.pathInIncomingRequest as ReadonlyArray<string | number> | undefined) : undefined;
      throw this.unavailable(failure, path, rootFieldsOf('document' in options ? options.document : undefined, options.request.query));
    }
  }

  private failureOf(error: unknown): FetchFailure | null {
    if ((error as { code?: unknown })?.code === 'EOPENBREAKER') return 'circuit_open';
    const status = httpStatusOf(error);
    if (status !== null) return [502, 503, 504].includes(status) ? 'unavailable_status' : null;
    const e = error as { name?: string; type?: string; code?: string; errno?: string; message?: string; cause?: { code?: string } };
    if (e?.name === 'AbortError' || e?.name === 'TimeoutError' || e?.type === 'aborted' || e?.type === 'request-timeout') return 'timeout';
    const code = e?.code ?? e?.errno ?? e?.cause?.code ?? '';
    if (TRANSPORT_CODES.test(String(code)) || e?.type === 'system' || /socket hang up|ECONNREFUSED|fetch failed/i.test(e?.message ?? ''))
      return 'unreachable';
    return null;
  }

  private unavailable(failure: FetchFailure, path: ReadonlyArray<string | number> | undefined, rootFields: string[]): GraphQLError {
    const where = path && path.length > 0 ? ` at ${path.join('.')}` : rootFields.length > 0 ? ` (${rootFields.join(', ')})` : '';
    return subgraphUnavailable(this.subgraph, failure, this.settings.subgraphTimeoutMs, where, errorPath(path, rootFields));
  }
}
