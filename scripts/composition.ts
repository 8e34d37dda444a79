import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, type SubgraphName } from '../common/config';
import { subgraphs } from '../subgraphs';

export interface ComposedSchemas {
  subgraphSdls: Record<string, string>;
  supergraphSdl: string;
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
  return { subgraphSdls, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((hint) => hint.toString()) };
}

export async function composeSupergraph(): Promise<ComposedSchemas> {
  return composeSdls(await subgraphSdlsFromCode());
}
