import { composeServices } from '@apollo/composition';
import { ROUTER_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import { DEFAULT_PORTS, type SubgraphName } from '../common/config';
import { subgraphs } from '../subgraphs';

export interface ComposedSchemas {
  subgraphSdls: Record<string, string>;
  supergraphSdl: string;
  /** The public API schema clients see, derived from the supergraph. */
  apiSchemaSdl: string;
  hints: string[];
}

export class CompositionFailed extends Error {
  override name = 'CompositionFailed';
}

/** Prints each subgraph's SDL from code. */
export async function subgraphSdlsFromCode(): Promise<Record<string, string>> {
  const sdls: Record<string, string> = {};
  for (const subgraph of subgraphs) sdls[subgraph.name] = (await subgraph.buildSchema()).sdl;
  return sdls;
}

/** Composes subgraph SDLs into the supergraph; throws with every composition error. */
export function composeSdls(subgraphSdls: Record<string, string>): ComposedSchemas {
  const result = composeServices(
    Object.entries(subgraphSdls).map(([name, sdl]) => ({
      name,
      url: `http://localhost:${DEFAULT_PORTS[name as SubgraphName]}/graphql`,
      typeDefs: parse(sdl),
    })),
  );
  if (result.errors) {
    throw new CompositionFailed(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  const supergraphSdl = `${result.supergraphSdl.trimEnd()}\n`;
  return { subgraphSdls, supergraphSdl, apiSchemaSdl: apiSchemaSdl(supergraphSdl), hints: result.hints.map((hint) => hint.toString()) };
}

/**
 * The schema clients see: the supergraph without federation's join__/link__ machinery and
 * without @inaccessible fields (e.g. the internal lookups subgraphs use between themselves). The
 * supergraph links the policy features (@requiresScopes, @cost …), which only deriving the API
 * schema needs to accept here: the set Apollo Router supports.
 */
export function apiSchemaSdl(supergraphSdl: string): string {
  const supergraph = Supergraph.build(supergraphSdl, { supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES });
  return printSchema(supergraph.apiSchema().toGraphQLJSSchema()) + '\n';
}

export async function composeSupergraph(): Promise<ComposedSchemas> {
  return composeSdls(await subgraphSdlsFromCode());
}
