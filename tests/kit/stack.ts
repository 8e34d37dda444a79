import 'reflect-metadata';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEVELOPMENT_JWT_SECRET, loadConfig, SUBGRAPH_NAMES, type AppConfig, type SubgraphName } from '../../common/config';
import { projectRoot } from '../../common/paths';
import { startGateway } from '../../gateway/gateway';
import { freePort, waitFor } from './faults';
import { gatewayTier, type GatewayTier } from './gateway-tier';
import { INTERNAL_IDENTITY_HEADER, issueToken, signInternalIdentity, type Identity } from '../../common/identity';
import { generateDataset, type Dataset, type Scale } from '../../demo/generator';
import { emptyDataset } from '../../demo/seed';
import { graphql, requestBody, useDefaultHeaders, type GraphQLResponse, type Operation } from './client';
import { startStack, type Stack } from '../../stack/stack';
import { dropTestStore, testEnv } from './store';

export interface TestStack extends Stack {
  config: AppConfig;
  /** The environment `config` was read from (a gateway started as its own process is given it). */
  env: NodeJS.ProcessEnv;
  /** Each subgraph's URL. */
  subgraphUrls: Record<SubgraphName, string>;
  /**
   * Another gateway of the run's tier (CHANNEL_GATEWAY) on this stack's configuration changed by
   * `overrides` (environment variables), in front of these subgraphs (or some replaced), on a free port.
   */
  startGateway(overrides?: NodeJS.ProcessEnv, subgraphUrls?: Partial<Record<SubgraphName, string>>): Promise<RunningGatewayTier>;
  /** The data the store was seeded with, generated again independently for assertions. */
  dataset: Dataset;
  /** `Authorization` header of a caller with this identity, as a client sends it to the gateway. */
  authorization(identity: Identity): Promise<{ authorization: string }>;
  /** An operation sent to the gateway by a caller with this identity (its own signed token), as its client would send it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer to GraphQL text, which has no generated type (see Operation)
  as<TData = any, TVariables = Record<string, unknown>>(
    identity: Identity,
    operation: Operation<TData, TVariables>,
    variables?: TVariables,
  ): Promise<GraphQLResponse<TData>>;
  /** The header the gateway forwards to subgraphs, signed for this one operation (as `graphql` sends it), for calling a subgraph directly. */
  internalHeaders(operation: { query: string; variables?: Record<string, unknown> }, identity?: Identity): Promise<Record<string, string>>;
  /** An operation sent straight to a subgraph, signed as the gateway signs it for this caller (no bearer token). */
  askSubgraph<TData = unknown>(
    subgraph: SubgraphName,
    query: string,
    variables?: Record<string, unknown>,
    identity?: Identity,
  ): Promise<GraphQLResponse<TData>>;
  /** The federation `_entities` query straight to a subgraph: `representations` resolved, each selected with `fragments` (`... on Licence { id }`). */
  askEntities(
    subgraph: SubgraphName,
    fragments: string,
    representations: Array<{ __typename: string; [key: string]: unknown }>,
    identity?: Identity,
  ): Promise<GraphQLResponse<{ _entities: unknown[] }>>;
  /** How many rows a table of one subgraph's database holds (e.g. to see that a refused write wrote nothing). */
  rowCount(subgraph: SubgraphName, table: string): Promise<number>;
  stop(): Promise<void>;
}

export const ANALYST: Identity = { subject: 'test-analyst', role: 'ANALYST', partnerId: null };

/**
 * The whole stack on a private store, seeded (or empty with scale null), on ephemeral ports;
 * `gatewayUrl` is a gateway of the run's tier (CHANNEL_GATEWAY: ours, or the Hive Gateway runner).
 */
export async function startTestStack(scale: Scale | null = 'demo', overrides: NodeJS.ProcessEnv = {}): Promise<TestStack> {
  const env = testEnv(overrides);
  const config = loadConfig(env);
  const stack = await startStack(config, { ports: 'ephemeral', seed: scale });
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, stack.subgraphs[name].url])) as Record<SubgraphName, string>;
  const tier = gatewayTier();
  const hive =
    tier === 'ours'
      ? null
      : await startGatewayTier(env, subgraphUrls, tier).catch(async (error: unknown) => {
          await stack.close();
          await dropTestStore(config.store);
          throw error;
        });
  const gatewayUrl = hive?.url ?? stack.gatewayUrl;
  const authorization = async (identity: Identity) => ({
    authorization: `Bearer ${await issueToken(identity, { secret: config.auth.jwtSecret ?? DEVELOPMENT_JWT_SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresIn: '1h' })}`,
  });
  // Requests of this test file go as an analyst unless a test sends other headers.
  useDefaultHeaders(await authorization(ANALYST));
  const internalHeaders: TestStack['internalHeaders'] = async ({ query, variables }, identity = ANALYST) => ({
    [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(identity, config.auth.internalSecret, requestBody(query, variables)),
  });
  const askSubgraph: TestStack['askSubgraph'] = async (subgraph, query, variables = {}, identity = ANALYST) =>
    graphql(`http://127.0.0.1:${stack.subgraphs[subgraph].port}/graphql`, query, variables, {
      authorization: '',
      ...(await internalHeaders({ query, variables }, identity)),
    });
  return {
    ...stack,
    gatewayUrl,
    config,
    env,
    subgraphUrls,
    startGateway: (more = {}, urls = {}) => startGatewayTier({ ...env, ...more }, { ...subgraphUrls, ...urls }),
    dataset: scale ? generateDataset(scale) : emptyDataset(),
    authorization,
    as: async (identity, operation, variables) => graphql(gatewayUrl, operation, variables ?? {}, await authorization(identity)),
    internalHeaders,
    askSubgraph,
    askEntities: (subgraph, fragments, representations, identity) =>
      askSubgraph(subgraph, `query ($r: [_Any!]!) { _entities(representations: $r) { ${fragments} } }`, { r: representations }, identity),
    async rowCount(subgraph, table) {
      const [row] = await stack.dataSources[subgraph].query<Array<{ n: unknown }>>(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(row?.n);
    },
    async stop() {
      await hive?.close();
      await stack.close();
      await dropTestStore(config.store);
    },
  };
}

export interface RunningGatewayTier {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  close(): Promise<void>;
}

/**
 * A gateway of the run's tier on the configuration `env` describes (the variables of README,
 * "Configuration"), in front of these subgraphs, on a free port: ours in this process, Hive as its
 * own process (`node gateway/hive-gateway.mjs`, on the built dist/), once it listens.
 */
export async function startGatewayTier(
  env: NodeJS.ProcessEnv,
  subgraphUrls: Partial<Record<SubgraphName, string>>,
  tier: GatewayTier = gatewayTier(),
): Promise<RunningGatewayTier> {
  if (tier === 'ours') {
    const gateway = await startGateway(loadConfig(env), { port: 0, subgraphUrls });
    return { url: `http://127.0.0.1:${gateway.port}/graphql`, close: () => gateway.close() };
  }
  const runner = path.join(projectRoot(), 'gateway', 'hive-gateway.mjs');
  if (!fs.existsSync(path.join(projectRoot(), 'dist', 'gateway', 'gateway.js'))) {
    throw new Error('dist/ is missing: the Hive runner loads the built modules; run `npm run build` first (the global setup does).');
  }
  const port = await freePort();
  const urls = Object.fromEntries(
    SUBGRAPH_NAMES.filter((name) => subgraphUrls[name]).map((name) => [`${name.toUpperCase()}_URL`, subgraphUrls[name]]),
  );
  const child = spawn(process.execPath, [runner, '--port', String(port), ...(tier === 'hive-router' ? ['--router'] : [])], {
    env: { ...env, ...urls, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'the Hive Gateway runner to listen',
      async () => {
        if (child.exitCode !== null) throw new Error(`the Hive Gateway runner exited (${child.exitCode}):\n${output}`);
        return (await fetch(`${base}/health`).catch(() => null))?.status === 200;
      },
      // Hive's runtime alone takes seconds to load, many more on a busy machine.
      120_000,
      200,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `${base}/graphql`,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
