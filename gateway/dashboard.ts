import path from 'node:path';
import express from 'express';
import { projectRoot } from '../common/paths';

export interface DashboardOptions {
  /** Development: a token the page uses until the user saves their own (the same one the Sandbox page sends). */
  developmentToken?: string;
  /** Where Apollo Sandbox answers a browser, or null when it is off (production). */
  sandboxPath: string | null;
}

/**
 * The dashboard's and the query IDE's pages load scripts, styles, fonts and workers from this
 * origin only, and talk to no other: a browser refuses anything else (no CDN, ever).
 * Inline styles stay allowed (style attributes, Monaco's and Chart.js's own).
 */
export const PAGE_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether a request came from this machine (127.0.0.0/8 or ::1, also as an IPv4-mapped address). */
export function fromLoopback(req: express.Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/**
 * The dashboard at `/`: static files from dashboard/, the documented operations it sends from
 * schema/operations/, and cytoscape from node_modules (nothing from a CDN). These files hold no
 * data: every figure comes from /graphql, with the caller's token, under the usual auth rules.
 */
export function mountDashboard(app: express.Express, options: DashboardOptions): void {
  const root = projectRoot();
  const dashboardDirectory = path.join(root, 'dashboard');
  const staticFiles = (directory: string) => express.static(directory, { index: false, redirect: false, maxAge: 0 });

  app.get('/', (_req, res) => {
    res.set('content-security-policy', PAGE_SECURITY_POLICY);
    res.sendFile(path.join(dashboardDirectory, 'index.html'));
  });
  app.get('/dashboard/settings.json', (req, res) => {
    res.set('cache-control', 'no-store');
    // The development token is for the developer's own browser: never handed to another machine.
    res.json({ developmentToken: fromLoopback(req) ? (options.developmentToken ?? null) : null, sandboxPath: options.sandboxPath });
  });
  app.use('/dashboard', staticFiles(dashboardDirectory));
  app.use('/operations', staticFiles(path.join(root, 'schema', 'operations')));
  app.get('/vendor/cytoscape.min.js', (_req, res) => res.sendFile(require.resolve('cytoscape/dist/cytoscape.min.js')));
}
