import 'reflect-metadata';
import { DEVELOPMENT_JWT_SECRET, type AppConfig, type SubgraphName } from '../../common/config';
import { INTERNAL_IDENTITY_HEADER, issueToken, signInternalIdentity, type Identity } from '../../common/identity';
import { generateDataset, type Dataset, type Scale } from '../../demo/generator';
import { emptyDataset } from '../../demo/seed';
import { graphql, requestBody, useDefaultHeaders, type GraphQLResponse, type Operation } from './client';
import { startStack, type Stack } from '../../stack/stack';
import { dropTestStore, testConfig } from './store';

export interface TestStack extends Stack {
  config: AppConfig;
  /** The data the store was seeded with, generated again independently for assertions. */
  dataset: Dataset;
  /** `Authorization` header of a caller with this identity, as a client sends it to the gateway. */
  authorization(identity: Identity): Promise<{ authorization: string }>;
  /** An operation sent to the gateway by a caller with this identity (its own signed token), as its client would send it. */
  as<TData = any, TVariables = Record<string, unknown>>(
    identity: Identity,
    operation: Operation<TData, TVariables>,
    variables?: TVariables,
  ): Promise<GraphQLResponse<TData>>;
  /** The header the gateway forwards to subgraphs, signed for this one operation (as `graphql` sends it), for calling a subgraph directly. */
  internalHeaders(operation: { query: string; variables?: Record<string, unknown> }, identity?: Identity): Promise<Record<string, string>>;
  /** An operation sent straight to a subgraph, signed as the gateway signs it for this caller (no bearer token). */
  askSubgraph(subgraph: SubgraphName, query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResponse>;
  /** How many rows a table of one subgraph's database holds (e.g. to see that a refused write wrote nothing). */
  rowCount(subgraph: SubgraphName, table: string): Promise<number>;
  stop(): Promise<void>;
}

export const ANALYST: Identity = { subject: 'test-analyst', role: 'ANALYST', partnerId: null };

/** The whole stack on a private store, seeded (or empty with scale null), on ephemeral ports. */
export async function startTestStack(scale: Scale | null = 'demo', overrides: NodeJS.ProcessEnv = {}): Promise<TestStack> {
  const config = testConfig(overrides);
  const stack = await startStack(config, { ports: 'ephemeral', seed: scale });
  const authorization = async (identity: Identity) => ({
    authorization: `Bearer ${await issueToken(identity, { secret: config.auth.jwtSecret ?? DEVELOPMENT_JWT_SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresIn: '1h' })}`,
  });
  // Requests of this test file go as an analyst unless a test sends other headers.
  useDefaultHeaders(await authorization(ANALYST));
  const internalHeaders: TestStack['internalHeaders'] = async ({ query, variables }, identity = ANALYST) => ({
    [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(identity, config.auth.internalSecret, requestBody(query, variables)),
  });
  return {
    ...stack,
    config,
    dataset: scale ? generateDataset(scale) : emptyDataset(),
    authorization,
    as: async (identity, operation, variables) => graphql(stack.gatewayUrl, operation, variables ?? {}, await authorization(identity)),
    internalHeaders,
    askSubgraph: async (subgraph, query, variables = {}, identity = ANALYST) =>
      graphql(`http://127.0.0.1:${stack.subgraphs[subgraph].port}/graphql`, query, variables, {
        authorization: '',
        ...(await internalHeaders({ query, variables }, identity)),
      }),
    async rowCount(subgraph, table) {
      const [row] = await stack.dataSources[subgraph].query<Array<{ n: unknown }>>(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(row?.n);
    },
    async stop() {
      await stack.close();
      await dropTestStore(config.store);
    },
  };
}
