import 'reflect-metadata';
import fs from 'node:fs';
import { apiSchemaPath, schemaPath } from '../common/paths';
import { composeSupergraph } from './composition';

/**
 * Part of `npm run build` (after tsc): writes from the code schema/<subgraph>.graphql,
 * schema/supergraph.graphql (which every gateway loads) and client/api-schema.graphql (the public
 * API schema, which `npm run codegen` reads). Build outputs, not committed (.gitignore).
 */
async function main(): Promise<void> {
  const { subgraphSdls, supergraphSdl, apiSchemaSdl, hints } = await composeSupergraph();
  for (const [name, sdl] of Object.entries(subgraphSdls)) fs.writeFileSync(schemaPath(`${name}.graphql`), sdl);
  fs.writeFileSync(schemaPath('supergraph.graphql'), supergraphSdl);
  fs.writeFileSync(apiSchemaPath(), apiSchemaSdl);
  for (const hint of hints) console.log(`hint: ${hint}`);
  console.log(`Wrote ${Object.keys(subgraphSdls).length} subgraph schemas, schema/supergraph.graphql and client/api-schema.graphql`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
