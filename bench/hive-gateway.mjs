// Plain JavaScript on purpose: Hive's type declarations (graphql-yoga's) redefine graphql-js's
// error extensions differently from Apollo Server's, so TypeScript never loads them here.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
// The compiled modules (npm run build): the same configuration and identity signing as our services.
import { loadConfig } from '../dist/common/config.js';
import { INTERNAL_IDENTITY_HEADER, signInternalIdentity, verifyInternalIdentity } from '../dist/common/identity.js';
const SUPERGRAPH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'supergraph.graphql');

/**
 * Hive Gateway on the supergraph `npm run build` writes, for the benchmark and the scale-out check: its
 * JavaScript query planner, or with `--router` the Rust planner of @graphql-hive/router-runtime.
 * It authenticates nobody: clients send the internal identity subgraphs require, signed over
 * their own request body (INTERNAL_AUTH_SECRET, as `npm run build`'s dist/common/identity.js
 * signs it), and it signs that caller again over each subgraph request's body.
 * Needs `npm run build` first.
 *
 *   node bench/hive-gateway.mjs --port 4210 [--router] [--subgraph partners=http://…/graphql …]
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4210' },
    router: { type: 'boolean', default: false },
    subgraph: { type: 'string', multiple: true, default: [] },
  },
});
let supergraph = fs.readFileSync(SUPERGRAPH, 'utf8');
for (const pair of values.subgraph) {
  const [name, url] = pair.split('=');
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
}
const { internalSecret } = loadConfig().auth;
/** Each client request's caller, verified over its body. @type {WeakMap<Request, Awaited<ReturnType<typeof verifyInternalIdentity>> | null>} */
const callers = new WeakMap();
const gateway = createGatewayRuntime({
  supergraph,
  ...(values.router ? { unifiedGraphHandler } : {}),
  plugins: () => [
    {
      /** @param {{ request: Request, setRequest(request: Request): void }} payload */
      async onRequest(payload) {
        const { request } = payload;
        const token = request.headers.get(INTERNAL_IDENTITY_HEADER);
        if (!token || request.method !== 'POST') return;
        const body = await request.text();
        const again = new Request(request.url, { method: 'POST', headers: request.headers, body });
        payload.setRequest(again);
        callers.set(again, await verifyInternalIdentity(token, internalSecret, body).catch(() => null));
      },
      async onFetch(payload) {
        const { options, context } = payload;
        const identity = 'request' in context ? callers.get(context.request) : undefined;
        const headers = Object.fromEntries(new Headers(options.headers ?? {}));
        delete headers[INTERNAL_IDENTITY_HEADER];
        // Hive sends subgraph requests as JSON strings; anything else is left unsigned (and refused).
        const body = typeof options.body === 'string' ? options.body : null;
        if (identity && body !== null) headers[INTERNAL_IDENTITY_HEADER] = await signInternalIdentity(identity, internalSecret, body);
        payload.setOptions({ ...options, headers });
      },
    },
  ],
  landingPage: false,
  graphiql: false,
  logging: 'error',
  maskedErrors: false,
});
// The runtime is itself a (promise-returning) request listener; it answers its own errors.
const server = http.createServer((request, response) => void gateway(request, response));
server.listen(Number(values.port), '127.0.0.1', () =>
  console.log(`hive gateway${values.router ? ' (router runtime)' : ''} on ${values.port}`),
);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
