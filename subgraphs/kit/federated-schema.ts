import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { requireFullRead, type Caller } from './auth';
import { enforceTextLimits, stateTextLimits } from './text-limits';

/** Federation 2.9: the directives of entities, and those of policy (kit/policy.ts): authorization and demand control. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible", "@authenticated", "@requiresScopes", "@cost", "@listSize"])';

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL as composed into the supergraph (`schema/<subgraph>.graphql`). */
  sdl: string;
}

export type ReferenceResolvers<TContext> = Record<
  string,
  { __resolveReference: (reference: { id: string } & Record<string, unknown>, context: TContext) => unknown }
>;

/**
 * The reference resolver of a channel-wide entity (ChannelOverview, ThresholdScenario): its key
 * and the fields other subgraphs provide are all it is, so nothing is looked up; only callers who
 * read the whole channel get it (`what` names it in the FORBIDDEN error).
 */
export function channelWideReference(what: string): ReferenceResolvers<{ caller: Caller }>[string] {
  return {
    __resolveReference: (reference, { caller }) => {
      requireFullRead(caller, what);
      return reference;
    },
  };
}

/**
 * type-graphql classes → SDL printed with their federation directives → an Apollo subgraph
 * schema whose resolvers are type-graphql's, plus the entities' `__resolveReference`.
 */
export async function buildFederatedSchema<TContext>(
  options: Pick<BuildSchemaOptions, 'resolvers' | 'orphanedTypes'>,
  references: ReferenceResolvers<TContext>,
): Promise<FederatedSchema> {
  const typeGraphQLSchema = await buildSchema({ ...options, skipCheck: true, validate: false });
  stateTextLimits(typeGraphQLSchema);
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphQLSchema)}\n`;
  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(references)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: reference.__resolveReference };
  }
  const schema = buildSubgraphSchema([{ typeDefs: gql(sdl), resolvers }]);
  enforceTextLimits(schema);
  return { schema, sdl };
}
