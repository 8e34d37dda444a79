import fs from 'node:fs';
import path from 'node:path';
import { ROUTER_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { projectRoot, schemaPath } from '../common/paths';
import { buildManifest, type PersistedQueryManifest } from '../gateway/persisted-queries';

/** Where the client kit lives: the public API schema, the manifest, and (from graphql-codegen) client/generated/. */
export const CLIENT_KIT_FILES = {
  apiSchema: path.join(projectRoot(), 'client', 'api-schema.graphql'),
  manifest: path.join(projectRoot(), 'client', 'persisted-queries.json'),
};

/** Folders whose operations are trusted: the documented ones, and the dashboard's own. */
const OPERATION_FOLDERS = [schemaPath('operations'), path.join(projectRoot(), 'dashboard', 'operations')];

/**
 * The schema clients see: the supergraph without federation's join__/link__ machinery and
 * without @inaccessible fields (e.g. the internal lookups subgraphs use between themselves). The
 * supergraph links the policy features (@requiresScopes, @cost …), which only deriving the API
 * schema needs to accept here: the set Apollo Router supports.
 */
export function apiSchemaSdl(): string {
  const supergraph = Supergraph.build(fs.readFileSync(schemaPath('supergraph.graphql'), 'utf8'), {
    supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES,
  });
  return printSchema(supergraph.apiSchema().toGraphQLJSSchema()) + '\n';
}

export function trustedOperationsManifest(): PersistedQueryManifest {
  const sources = OPERATION_FOLDERS.flatMap((folder) =>
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => ({ file: path.join(folder, file), text: fs.readFileSync(path.join(folder, file), 'utf8') })),
  );
  return buildManifest(sources);
}

export const manifestJson = (manifest: PersistedQueryManifest): string => JSON.stringify(manifest, null, 2) + '\n';

/** `npm run codegen` (first step): writes client/api-schema.graphql and client/persisted-queries.json. */
if (require.main === module) {
  fs.mkdirSync(path.dirname(CLIENT_KIT_FILES.apiSchema), { recursive: true });
  fs.writeFileSync(CLIENT_KIT_FILES.apiSchema, apiSchemaSdl());
  const manifest = trustedOperationsManifest();
  fs.writeFileSync(CLIENT_KIT_FILES.manifest, manifestJson(manifest));
  console.log(`Wrote client/api-schema.graphql and client/persisted-queries.json (${manifest.operations.length} operations)`);
}
