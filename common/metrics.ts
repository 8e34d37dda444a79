import type express from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast entity lookup to a slow cross-subgraph answer, and timeouts beyond. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Operation names come from clients: at most this many distinct ones get their own label. */
const MAX_OPERATION_NAMES = 200;

type OperationOutcome = 'success' | 'partial' | 'error';

/**
 * Heap in use right after the latest major (mark-sweep) garbage collection of this process: what
 * is really retained, the figure a leak makes grow (heap samples at random moments also count
 * garbage not yet collected). One observer per process, read by every registry.
 */
let heapAfterMajorGc = NaN;
let gcObserver: PerformanceObserver | null = null;
function observeMajorGc(): void {
  if (gcObserver) return;
  gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) heapAfterMajorGc = process.memoryUsage().heapUsed;
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
}

/**
 * The Prometheus registry of one service (gateway or subgraph), so the five services of the
 * one-process stack never collide: each has its own `/metrics` with `service` as a default label.
 * Default process metrics (CPU, memory, event loop, GC) are collected into every registry.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  private readonly operationSeconds: Histogram<'operation' | 'outcome'>;
  private readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  private readonly httpSeconds: Histogram<'route' | 'method'>;
  private readonly operationNames = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    observeMajorGc();
    new Gauge({
      name: 'nodejs_heap_used_after_major_gc_bytes',
      help: 'Heap in use right after the latest major garbage collection (what the process retains)',
      registers: [this.registry],
      collect() {
        if (Number.isFinite(heapAfterMajorGc)) this.set(heapAfterMajorGc);
      },
    });
    this.operations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations by operation name, type and outcome (success, partial: data with errors, error: no data)',
      labelNames: ['operation', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.operationSeconds = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its answer',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route, method and status (includes refusals before GraphQL: 401, 413, 429 …)',
      labelNames: ['route', 'method', 'status'],
      registers: [this.registry],
    });
    this.httpSeconds = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['route', 'method'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** A label for a client-chosen operation name, bounded in number and length. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    const label = name.slice(0, 64);
    if (this.operationNames.has(label)) return label;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(label);
    return label;
  }

  /** Counts and times every operation that reaches Apollo Server. */
  apolloPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ response, operationName, operation, request, document }) => {
            const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
            const hasData = body.data !== undefined && body.data !== null;
            const outcome: OperationOutcome = !body.errors?.length ? 'success' : hasData ? 'partial' : 'error';
            // The resolved name; else the one sent, or the document's only operation (a request that failed validation).
            const named = document?.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) ?? [];
            const label = this.operationLabel(
              operationName ?? request.operationName ?? (named.length === 1 ? named[0]?.name?.value : undefined),
            );
            this.operations.inc({ operation: label, type: operation?.operation ?? 'unknown', outcome });
            this.operationSeconds.observe({ operation: label, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  /** Every HTTP request, including those refused before GraphQL. */
  httpMiddleware(): express.RequestHandler {
    const known = new Set(['/graphql', '/health', '/ready', '/metrics']);
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const path = req.originalUrl.split('?', 1)[0] ?? ''; // req.path is relative to a mounted router by now
        const route = known.has(path) ? path : 'other';
        this.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
        this.httpSeconds.observe({ route, method: req.method }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  /** GET /metrics in the Prometheus text format. */
  handler(): express.RequestHandler {
    return (_req, res, next) => {
      this.registry.metrics().then((text) => {
        res.setHeader('content-type', this.registry.contentType);
        res.send(text);
      }, next);
    };
  }
}
