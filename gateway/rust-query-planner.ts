import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
// The enum is not exported from the package root (its types are).
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  buildASTSchema,
  GraphQLError,
  Kind,
  parse,
  print,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { SubgraphName } from '../common/config';
import type { Logger } from '../common/logger';
import { errorPath, subgraphUnavailable, type FetchFailure, type RequestContext } from './resilient-data-source';

/** What this module uses of @graphql-hive/router-runtime (its own type declarations clash with Apollo Server's). */
interface RouterRequest {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  context?: unknown;
}
interface RouterRuntime {
  unifiedGraphHandler: (options: {
    unifiedGraph: GraphQLSchema;
    getUnifiedGraphSDL(): string;
    onSubgraphExecute(subgraph: string, request: RouterRequest): Promise<ExecutionResult>;
  }) => Promise<{ executor?: (request: RouterRequest) => Promise<ExecutionResult> | ExecutionResult }>;
}

/**
 * Apollo Server in front (auth, limits, plugins, Sandbox, error masking) and @apollo/gateway for the
 * API schema and introspection, with operations planned by Hive's Rust query planner and executed by
 * its runtime (@graphql-hive/router-runtime). Every subgraph fetch still goes through our data
 * sources: the caller's identity and request id, timeouts, circuit breakers, shared reads, metrics.
 * GATEWAY_QUERY_PLANNER=rust; bench/README.md has the figures. Generic in the request context, so
 * this module needs nothing from gateway.ts (which imports it).
 */
export function withRustQueryPlanner<TContext extends RequestContext>(
  gateway: ApolloGateway,
  supergraphSdl: string,
  dataSources: Record<SubgraphName, GraphQLDataSource<TContext>>,
  subgraphUrls: Record<SubgraphName, string>,
  timeoutMs: number,
  logger: Logger,
): GatewayInterface {
  const queryOf = subgraphQueries();
  // Requests that reached a subgraph: a failure after that is never run again by the other planner.
  const fetched = new WeakSet<object>();
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const { executor: apolloExecutor } = await gateway.load(options);
      // A variable name: TypeScript must not load the package's declarations (see RouterRuntime).
      const runtimeModule = '@graphql-hive/router-runtime';
      const { unifiedGraphHandler } = (await import(runtimeModule)) as RouterRuntime;
      const router = await unifiedGraphHandler({
        unifiedGraph: buildASTSchema(parse(supergraphSdl), { assumeValid: true, assumeValidSDL: true }),
        getUnifiedGraphSDL: () => supergraphSdl,
        async onSubgraphExecute(subgraph, request) {
          const name = subgraph.toLowerCase() as SubgraphName;
          const incoming = request.context as GatewayGraphQLRequestContext<TContext>;
          fetched.add(incoming);
          return traced('gateway.fetch', { 'graphql.subgraph': name }, async () => {
            try {
              return (await dataSources[name].process({
                kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
                request: {
                  query: queryOf(request.document, incoming.operationName, name),
                  variables: request.variables ?? {},
                  http: { method: 'POST', url: subgraphUrls[name], headers: new Headers() },
                },
                context: incoming.context,
                incomingRequestContext: incoming,
                document: request.document,
              })) as ExecutionResult;
            } catch (error) {
              // An entity fetch's failure is answered, not thrown, and without a path: the runtime then
              // puts it where the entities' fields would have gone, and `placed` names that place.
              if (isUnavailable(error) && request.variables?.representations)
                return { errors: [new GraphQLError(UNPLACED, { extensions: error.extensions })] };
              throw error;
            }
          });
        },
      });
      if (!router.executor || !apolloExecutor) throw new Error('The Rust query planner did not load: no executor.');
      const rustExecutor = router.executor;
      const executor: GatewayExecutor = async (requestContext) => {
        // Introspection answers from the API schema (what @inaccessible hides stays hidden), and so do root
        // __typename and root fragments: @apollo/gateway answers those.
        // gateway/operation-checks.ts refuses a document without a resolvable operation before it gets here.
        if (!requestContext.operation || asksIntrospection(requestContext.operation.selectionSet.selections))
          return apolloExecutor(requestContext);
        // Variables are checked against the API schema first, as @apollo/gateway does: Apollo Server
        // then answers 400 BAD_USER_INPUT, where the runtime would throw.
        const variables = getVariableValues(
          requestContext.schema,
          requestContext.operation.variableDefinitions ?? [],
          requestContext.request.variables ?? {},
        );
        if (variables.errors) return { errors: variables.errors };
        let result: ExecutionResult;
        try {
          result = await traced('gateway.request', { 'graphql.operation.name': requestContext.operationName ?? '' }, async () =>
            rustExecutor({
              document: requestContext.document,
              operationName: requestContext.operationName ?? undefined,
              variables: variables.coerced,
              context: requestContext,
            }),
          );
        } catch (error) {
          // The Rust planner cannot plan a few valid operations (e.g. a field with @requires under a
          // nested entity of the same type: "Failed to plan"). Nothing was fetched yet, so
          // @apollo/gateway's planner answers it instead of an HTTP 500.
          if (fetched.has(requestContext)) throw error;
          logger.warn(
            { operationName: requestContext.operationName, err: error },
            "The Rust query planner failed on this operation; @apollo/gateway's planner answers it",
          );
          return apolloExecutor(requestContext);
        }
        if (!result.errors) return result;
        // Subgraph errors come back as the JSON they were sent in; Apollo Server formats (and masks) GraphQLErrors only.
        return {
          ...result,
          data: result.data ?? null,
          errors: result.errors.map((error) => placed(asGraphQLError(error), result.data, timeoutMs)),
        };
      };
      return { executor };
    },
  };
}

const tracer = trace.getTracer('channel-graph-gateway');

/** A span around `work` when tracing is on (common/tracing.ts); without an SDK the API does nothing. */
function traced<T>(name: string, attributes: Record<string, string>, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * The runtime's subgraph operations are anonymous; they are sent named as @apollo/gateway names
 * them (`<operation>__<subgraph>__<n>`), so subgraph metrics, logs and traces say what they serve.
 * Printed once per planned fetch (the runtime keeps its plans and their documents).
 */
function subgraphQueries(): (document: DocumentNode, operationName: string | null, subgraph: SubgraphName) => string {
  const printed = new WeakMap<DocumentNode, string>();
  const fetchesPerOperation = new Map<string, number>();
  return (document, operationName, subgraph) => {
    let query = printed.get(document);
    if (query !== undefined) return query;
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (operation && !operation.name) {
      const prefix = `${operationName ?? 'anonymous'}__${subgraph}`;
      // Client-chosen operation names must not grow this map without bound.
      if (fetchesPerOperation.size > 10_000) fetchesPerOperation.clear();
      const index = fetchesPerOperation.get(prefix) ?? 0;
      fetchesPerOperation.set(prefix, index + 1);
      const named = { ...operation, name: { kind: Kind.NAME, value: `${prefix}__${index}` } as const };
      query = print({
        ...document,
        definitions: document.definitions.map((definition) => (definition === operation ? named : definition)),
      });
    } else {
      query = print(document);
    }
    printed.set(document, query);
    return query;
  };
}

const UNPLACED = 'subgraph unavailable: to be placed';

function isUnavailable(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && error.extensions.code === 'SERVICE_UNAVAILABLE' && typeof error.extensions.subgraph === 'string';
}

/**
 * A missing subgraph's error, named as @apollo/gateway names it: the runtime puts it at the list
 * field path (`partners.edges.node`), which is written with '@' for each list
 * (`partners.edges.@.node`) and, as a response path, ends before the first list (`partners.edges`).
 */
function placed(error: GraphQLError, data: unknown, timeoutMs: number): GraphQLError {
  if (error.message !== UNPLACED || !isUnavailable(error)) return error;
  const failure = String(error.extensions.reason).toLowerCase() as FetchFailure;
  const subgraph = error.extensions.subgraph as string;
  if (!error.path) return subgraphUnavailable(subgraph, failure, timeoutMs, '', undefined);
  const marked: Array<string | number> = [];
  let value: unknown = data;
  for (const key of error.path) {
    marked.push(key);
    value = (value as Record<string | number, unknown> | null | undefined)?.[key];
    if (Array.isArray(value)) {
      marked.push('@');
      value = value.find((item) => item !== null && item !== undefined);
    }
  }
  return subgraphUnavailable(subgraph, failure, timeoutMs, ` at ${marked.join('.')}`, errorPath(marked, []));
}

function asGraphQLError(error: GraphQLError | GraphQLFormattedError): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

function asksIntrospection(selections: GatewayGraphQLRequestContext['operation']['selectionSet']['selections']): boolean {
  return selections.some((selection) => selection.kind !== Kind.FIELD || selection.name.value.startsWith('__'));
}
