import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { projectRoot } from '../common/paths';
import { PAGE_SECURITY_POLICY } from './dashboard';

/** Where `npm run build` puts the bundled query IDE (scripts/build-ide.ts). */
export function ideDirectory(): string {
  return path.join(projectRoot(), 'dist', 'ide');
}

/** Content-hashed files (chunks, fonts) never change under their name; the rest is revalidated (ETag). */
function cacheControlFor(relativePath: string): string {
  return /^(chunks|assets)\//.test(relativePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Sends the gzip copy the build wrote beside a file (name.gz) to a browser that accepts gzip, with
 * the original's content type; everything else falls through to the plain file.
 */
function precompressed(directory: string): express.RequestHandler {
  let compressed: Set<string> | null = null;
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    compressed ??= new Set(
      fs.existsSync(directory)
        ? (fs.readdirSync(directory, { recursive: true }) as string[]).filter((f) => f.endsWith('.gz')).map((f) => f.slice(0, -3))
        : [],
    );
    let relativePath: string;
    try {
      relativePath = decodeURIComponent(req.path).replace(/^\//, '');
    } catch {
      return next();
    }
    if (!compressed.has(relativePath)) return next();
    res.vary('Accept-Encoding');
    if (!req.acceptsEncodings('gzip')) return next();
    res.type(path.extname(relativePath));
    res.set({ 'content-encoding': 'gzip', 'cache-control': cacheControlFor(relativePath) });
    res.sendFile(`${relativePath}.gz`, { root: directory, cacheControl: false, dotfiles: 'deny' }, (error) => error && next(error));
  };
}

/**
 * The query IDE at /ide: GraphiQL built from node_modules into dist/ide by `npm run build`. Its
 * files hold no data and need no token; what it may ask is decided at /graphql (introspection only
 * for VENDOR and ANALYST callers). The page's security policy lets it load nothing from elsewhere.
 */
export function mountIde(app: express.Express): void {
  const directory = ideDirectory();
  app.get(['/ide', '/ide/', '/ide/index.html'], (_req, res) => {
    const page = path.join(directory, 'index.html');
    if (!fs.existsSync(page)) {
      res.status(503).type('text/plain').send('The query IDE is not built: run `npm run build` (it writes dist/ide/).\n');
      return;
    }
    res.set({ 'content-security-policy': PAGE_SECURITY_POLICY, 'cache-control': 'no-cache' });
    res.sendFile(page);
  });
  app.use(
    '/ide',
    precompressed(directory),
    express.static(directory, {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('cache-control', cacheControlFor(path.relative(directory, file).split(path.sep).join('/'))),
    }),
  );
}
