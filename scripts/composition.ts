import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS } from '../common/config';
import { subgraphs } from '../subgraphs';

export interface ComposedSchemas {
  subgraphSdls: Record<string, string>;
  supergraphSdl: string;
  hints: string[];
}

export class CompositionFailed extends Error {
  override name = 'CompositionFailed';
}

/** Prints each subgraph's SDL from code and composes the supergraph; throws with every composition error. */
export async function composeSupergraph(): Promise<ComposedSchemas> {
  const subgraphSdls: Record<string, string> = {};
  for (const subgraph of subgraphs) subgraphSdls[subgraph.name] = (await subgraph.buildSchema()).sdl;
  const result = composeServices(
    subgraphs.map((subgraph) => ({
      name: subgraph.name,
      url: `http://localhost:${DEFAULT_PORTS[subgraph.name]}/graphql`,
      typeDefs: parse(subgraphSdls[subgraph.name]),
    })),
  );
  if (result.errors) {
    throw new CompositionFailed(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return { subgraphSdls, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((hint) => hint.toString()) };
}
