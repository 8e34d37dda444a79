import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { projectRoot } from '../common/paths';
import { generateDataset } from '../demo/generator';
import { exampleVariables } from '../demo/operation-examples';
import { documentedOperationFiles } from '../gateway/sandbox';

/**
 * Part of `npm run build`: bundles the query IDE (ide/: GraphiQL 5, its explorer plugin, React,
 * Monaco and its language workers) from node_modules into dist/ide/, which the gateway serves at
 * /ide. Works offline; nothing is fetched at build time or at run time from anywhere else.
 * Writes a gzip copy of each text file beside it (the gateway sends it to browsers that accept
 * gzip), and dist/ide/operations.json: the documented operations with example variables.
 */
export const IDE_OUTPUT = path.join(projectRoot(), 'dist', 'ide');

const COMPRESSIBLE = /\.(js|css|html|json|txt|ttf|svg)$/;

function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** The files a browser loads before the editor shows: the entry's static imports, its stylesheet, and the page. */
function initialLoad(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
    const css = metafile.outputs[file]?.cssBundle;
    if (css) seen.add(css);
  };
  visit(entry);
  return [...seen];
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} KB`;

export async function buildIde(output: string = IDE_OUTPUT): Promise<void> {
  const root = projectRoot();
  const started = process.hrtime.bigint();
  fs.rmSync(output, { recursive: true, force: true });
  fs.mkdirSync(output, { recursive: true });

  const resolve = (module: string) => require.resolve(module, { paths: [root] });
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: {
      ide: path.join(root, 'ide', 'ide.js'),
      'editor.worker': resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
      'json.worker': resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
      'graphql.worker': resolve('monaco-graphql/esm/graphql.worker.js'),
    },
    outdir: output,
    bundle: true,
    // Dynamic imports (Monaco's languages, Prettier's parsers) become chunks loaded when needed.
    splitting: true,
    format: 'esm',
    minify: true,
    target: ['chrome111', 'firefox111', 'safari16.4'],
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'error',
  });

  fs.copyFileSync(path.join(root, 'ide', 'index.html'), path.join(output, 'index.html'));
  const examples = exampleVariables(generateDataset('demo'));
  const operations = documentedOperationFiles().map(({ name, description, text }) => ({
    name,
    description,
    query: text,
    variables: JSON.stringify(examples[name] ?? {}, null, 2),
  }));
  fs.writeFileSync(path.join(output, 'operations.json'), JSON.stringify(operations, null, 2) + '\n');

  let raw = 0;
  let gzipped = 0;
  const gzippedSize = new Map<string, number>();
  for (const file of filesUnder(output)) {
    const content = fs.readFileSync(file);
    raw += content.length;
    if (!COMPRESSIBLE.test(file)) {
      gzipped += content.length;
      continue;
    }
    const compressed = zlib.gzipSync(content, { level: 9 });
    fs.writeFileSync(`${file}.gz`, compressed);
    gzipped += compressed.length;
    gzippedSize.set(path.relative(root, file), compressed.length);
  }
  const first = [
    ...initialLoad(metafile, path.relative(root, path.join(output, 'ide.js'))),
    path.relative(root, path.join(output, 'index.html')),
  ];
  const firstRaw = first.reduce((sum, file) => sum + fs.statSync(path.join(root, file)).size, 0);
  const firstGzipped = first.reduce((sum, file) => sum + (gzippedSize.get(file) ?? 0), 0);
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    [
      `Query IDE built in ${(millis / 1000).toFixed(1)} s: ${path.relative(root, output)}/ (GraphiQL 5, explorer plugin, ${operations.length} documented operations)`,
      `  page, ide.js with its static imports, ide.css: ${kilobytes(firstRaw)}, ${kilobytes(firstGzipped)} gzipped, ${first.length} files`,
      `  everything (workers, chunks loaded on demand):     ${kilobytes(raw)}, ${kilobytes(gzipped)} gzipped`,
    ].join('\n'),
  );
}

if (require.main === module) {
  buildIde().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
