import fs from 'node:fs';
import path from 'node:path';
import { apiSchemaPath, projectRoot, schemaPath } from '../common/paths';
import { buildManifest, type PersistedQueryManifest } from '../gateway/persisted-queries';

/**
 * Where the client kit lives: the public API schema (written by `npm run build`), the manifest,
 * and (from graphql-codegen) client/generated/.
 */
export const CLIENT_KIT_FILES = {
  apiSchema: apiSchemaPath(),
  manifest: path.join(projectRoot(), 'client', 'persisted-queries.json'),
};

/** Folders whose operations are trusted: the documented ones, and the dashboard's own. */
const OPERATION_FOLDERS = [schemaPath('operations'), path.join(projectRoot(), 'dashboard', 'operations')];

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

/** `npm run codegen` (after the build, which writes client/api-schema.graphql): writes client/persisted-queries.json. */
if (require.main === module) {
  const manifest = trustedOperationsManifest();
  fs.writeFileSync(CLIENT_KIT_FILES.manifest, manifestJson(manifest));
  console.log(`Wrote client/persisted-queries.json (${manifest.operations.length} operations)`);
}
