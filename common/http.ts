import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { ApolloServerOptions } from '@apollo/server';
import type { Logger } from './logger';
import { ServiceMetrics } from './metrics';
import { requestIdMiddleware, runWithRequestId } from './request-id';

export interface ReadinessReport {
  ready: boolean;
  /** `degraded`: working, with less than usual (e.g. the gateway without Redis); still ready. */
  checks: Record<string, { ok: boolean; degraded?: boolean; detail?: string }>;
}

export interface GraphQLServiceOptions<TContext extends BaseContext> {
  service: string;
  host: string;
  port: number;
  logger: Logger;
  apollo: ApolloServerOptions<TContext>;
  context: ContextFunction<[ExpressContextFunctionArgument], TContext>;
  readiness: () => Promise<ReadinessReport>;
  /** Extra routes mounted before /graphql (e.g. the gateway's landing redirect). */
  routes?: (app: express.Express) => void;
  /** Largest JSON body, in bytes or as '1mb'; beyond it the answer is 413 PAYLOAD_TOO_LARGE. */
  bodyLimit?: string | number;
  /** The service's Prometheus registry (served at /metrics); a new one when not given. */
  metrics?: ServiceMetrics;
  /** On close, how long in-flight requests may take before their connections are cut (default 10 s). */
  drainMillis?: number;
}

export interface RunningService {
  service: string;
  url: string;
  port: number;
  metrics: ServiceMetrics;
  close(): Promise<void>;
}

const rawBodies = new WeakMap<http.IncomingMessage, Buffer>();

/** The bytes of a request's JSON body as they arrived (subgraphs check the signed identity against them); empty when there was none. */
export function rawBodyOf(request: http.IncomingMessage): Buffer {
  return rawBodies.get(request) ?? Buffer.alloc(0);
}

/** Body-parser and other HTTP errors answer JSON in the GraphQL error shape, never express's HTML page. */
function errorsAsGraphQLJson(logger: Logger): express.ErrorRequestHandler {
  return (error: { type?: string; status?: number; limit?: number; message?: string; code?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const answer = (status: number, code: string, message: string) =>
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    if (error.type === 'entity.too.large')
      return answer(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${error.limit} bytes.`);
    if (error.type === 'entity.parse.failed') return answer(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    if (error.code?.startsWith('Z_'))
      return answer(
        400,
        'BAD_REQUEST',
        'The request body is not valid data for its Content-Encoding (gzip or deflate): send it encoded, or without the header.',
      );
    const status = error.status ?? 500;
    if (status >= 400 && status < 500 && error.type) return answer(status, 'BAD_REQUEST', `Bad request: ${error.message}.`);
    logger.error({ err: error }, 'HTTP request failed');
    return answer(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

/** One debug line per request (method, path, status, milliseconds), with its request id. */
function accessLog(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled('debug')) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () =>
      runWithRequestId(res.locals.requestId as string, () =>
        logger.debug(
          {
            method: req.method,
            path: req.originalUrl.split('?')[0],
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'request',
        ),
      ),
    );
    next();
  };
}

/**
 * One HTTP shape for every service: GraphQL at /graphql, liveness at /health and
 * readiness at /ready, each answering JSON.
 */
export async function startGraphQLService<TContext extends BaseContext>(options: GraphQLServiceOptions<TContext>): Promise<RunningService> {
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every answer (SHA-1 over the headline's 530 KB) for an ETag no POST is ever revalidated with; static files keep theirs.
  app.disable('etag');
  // Idle keep-alive connections are held longer than a client or load balancer keeps them (60 s
  // is the common idle timeout in front of a service): with Node's 5 s, a client reusing a
  // connection just as the server closes it gets ECONNRESET, seen under load.
  const httpServer = http.createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, app);
  const metrics = options.metrics ?? new ServiceMetrics(options.service);
  let stopping = false;
  // First: the request id (header in, header out, on every log line), then request metrics.
  app.use(requestIdMiddleware(), metrics.httpMiddleware(), accessLog(options.logger));

  const apollo = new ApolloServer<TContext>({
    ...options.apollo,
    // The service's own SIGTERM handling closes the server and its pools; Apollo must not exit first.
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo's default pretty-prints every answer, which costs time and bytes on
    // every hop (subgraph → gateway → client); see bench/README.md.
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [
      metrics.apolloPlugin<TContext>(),
      ...(options.apollo.plugins ?? []),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.drainMillis ?? 10_000 }),
      // No cache hints are used; Apollo's default cache-control plugin would otherwise wrap every
      // field resolver to compute them (see bench/README.md).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.service, uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/metrics', metrics.handler());
  app.get('/ready', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ service: options.service, ready: false, checks: { shutdown: { ok: false, detail: 'shutting down' } } });
      return;
    }
    try {
      const report = await options.readiness();
      res.status(report.ready ? 200 : 503).json({ service: options.service, ...report });
    } catch (error) {
      options.logger.error({ err: error }, 'readiness check failed');
      res.status(503).json({ service: options.service, ready: false, checks: { readiness: { ok: false, detail: 'check failed' } } });
    }
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '1mb', verify: (request, _response, body) => rawBodies.set(request, body) }),
    expressMiddleware(apollo, { context: options.context }),
  );
  app.use(errorsAsGraphQLJson(options.logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${displayHost}:${port}/graphql`;
  options.logger.info({ url }, `${options.service} listening`);

  return {
    service: options.service,
    url,
    port,
    metrics,
    async close() {
      // Readiness turns false at once; Apollo's drain stops accepting connections and waits for in-flight requests.
      stopping = true;
      await apollo.stop();
    },
  };
}
