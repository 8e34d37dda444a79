// Plain JavaScript on purpose: Hive's type declarations (graphql-yoga's) redefine graphql-js's
// error extensions differently from Apollo Server's, so TypeScript never loads them here.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

const INTERNAL_IDENTITY_HEADER = 'x-channel-identity';
const SUPERGRAPH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'supergraph.graphql');

/**
 * Hive Gateway on the committed supergraph, for the benchmark and the scale-out check: its
 * JavaScript query planner, or with `--router` the Rust planner of @graphql-hive/router-runtime.
 * It authenticates nobody: clients send the gateway-signed identity subgraphs require, and it
 * passes that header on.
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
const gateway = createGatewayRuntime({
  supergraph,
  ...(values.router ? { unifiedGraphHandler } : {}),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [INTERNAL_IDENTITY_HEADER]: request.headers.get(INTERNAL_IDENTITY_HEADER) ?? '' }),
  },
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
