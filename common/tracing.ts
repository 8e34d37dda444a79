/**
 * OpenTelemetry tracing, switched on by the standard variables: OTEL_TRACES_EXPORTER (otlp, console;
 * `none` or unset: off unless an OTLP endpoint is set) and OTEL_EXPORTER_OTLP_ENDPOINT /
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; OTEL_SERVICE_NAME names the service. Imported first by every
 * main (gateway, subgraphs, stack) so that http, express, graphql and mysql2 are instrumented before
 * they load. The gateway's planner creates its own spans (gateway/rust-query-planner.ts; with
 * GATEWAY_QUERY_PLANNER=apollo, @apollo/gateway's plan, fetch and post-processing) through
 * @opentelemetry/api, which this SDK then exports. Metrics stay on Prometheus (/metrics), logs on pino.
 */
import type { NodeSDK } from '@opentelemetry/sdk-node';

function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter === 'none' || env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(exporter) || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT) || Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let sdk: NodeSDK | null = null;

if (tracingRequested(process.env)) {
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  process.env.OTEL_TRACES_EXPORTER ??= 'otlp';
  /* eslint-disable @typescript-eslint/no-require-imports -- the SDK loads only when tracing is on, and synchronously, before the modules it instruments (an import() would come too late) */
  const { NodeSDK: SDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { MySQL2Instrumentation } =
    require('@opentelemetry/instrumentation-mysql2') as typeof import('@opentelemetry/instrumentation-mysql2');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new SDK({
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => ['/health', '/ready', '/metrics'].includes(req.url ?? '') }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new MySQL2Instrumentation(),
    ],
  });
  sdk.start();
  // Spans still buffered are flushed when the process ends (the mains exit after a graceful stop).
  process.once('beforeExit', () => void sdk?.shutdown());
}

/** Flushes and stops tracing (no-op when it is off). */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
}
