import fs from 'node:fs';
import path from 'node:path';

/** The repository root, whether code runs from TypeScript sources or from dist/. */
export function projectRoot(): string {
  let directory = __dirname;
  while (!fs.existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${__dirname}`);
    directory = parent;
  }
  return directory;
}

export function schemaPath(file: string): string {
  return path.join(projectRoot(), 'schema', file);
}

/** The public API schema, written with the supergraph by `npm run build` (scripts/compose-schema.ts). */
export function apiSchemaPath(): string {
  return path.join(projectRoot(), 'client', 'api-schema.graphql');
}
