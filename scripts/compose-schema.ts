import 'reflect-metadata';
import fs from 'node:fs';
import { schemaPath } from '../common/paths';
import { composeSupergraph } from './composition';

/** `npm run compose`: writes schema/<subgraph>.graphql and schema/supergraph.graphql from code. */
async function main(): Promise<void> {
  const { subgraphSdls, supergraphSdl, hints } = await composeSupergraph();
  for (const [name, sdl] of Object.entries(subgraphSdls)) fs.writeFileSync(schemaPath(`${name}.graphql`), sdl);
  fs.writeFileSync(schemaPath('supergraph.graphql'), supergraphSdl);
  for (const hint of hints) console.log(`hint: ${hint}`);
  console.log(`Wrote ${Object.keys(subgraphSdls).length} subgraph schemas and schema/supergraph.graphql`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
