import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import express from 'express';
import { Kind, parse, print } from 'graphql';
import type { PersistedQueriesConfig } from '../common/config';
import { readsWholeChannel, type Identity } from '../common/identity';

/** Refusal of an operation outside the manifest while the safelist is enforced. */
export const PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED';

/** Apollo's persisted-query manifest format (also read by Apollo Router and GraphOS safelisting). */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }>;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** One spelling per document: printed from its AST, so comments, spacing and commas do not matter. */
function normalizeDocument(text: string): string {
  return print(parse(text, { noLocation: true }));
}

/** The manifest of named operations: id = SHA-256 of the normalized body, as clients send it in `extensions.persistedQuery.sha256Hash`. */
export function buildManifest(sources: Array<{ file: string; text: string }>): PersistedQueryManifest {
  const operations = sources.map(({ file, text }) => {
    const document = parse(text, { noLocation: true });
    const [definition, ...others] = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!definition?.name || others.length > 0) throw new Error(`${file}: expected exactly one named operation`);
    const body = print(document);
    return { id: sha256(body), name: definition.name.value, type: definition.operation, body };
  });
  const names = operations.map((o) => o.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`Two operations are named ${duplicate}: names in the manifest must be unique`);
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The operations the gateway trusts, looked up by id or by (normalized) text. */
export class TrustedDocuments {
  private readonly bodiesById = new Map<string, string>();
  private readonly normalizedBodies = new Set<string>();

  constructor(manifest: PersistedQueryManifest) {
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) {
      throw new Error('Expected an apollo-persisted-query-manifest, version 1');
    }
    for (const operation of manifest.operations) {
      this.bodiesById.set(operation.id, operation.body);
      this.normalizedBodies.add(normalizeDocument(operation.body));
    }
  }

  static fromFile(file: string): TrustedDocuments {
    let manifest: PersistedQueryManifest;
    try {
      manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as PersistedQueryManifest;
    } catch (error) {
      throw new Error(
        `Cannot read the persisted-query manifest ${file} (PERSISTED_QUERY_MANIFEST; npm run codegen writes the default one): ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new TrustedDocuments(manifest);
  }

  get size(): number {
    return this.bodiesById.size;
  }

  bodyOf(id: string): string | undefined {
    return this.bodiesById.get(id);
  }

  isTrusted(text: string): boolean {
    try {
      return this.normalizedBodies.has(normalizeDocument(text));
    } catch {
      return false;
    }
  }
}

/**
 * A request naming a manifest operation by id alone gets the operation's text before Apollo
 * Server's own APQ handling looks at it (the id is the SHA-256 of that text, so APQ's check
 * passes): clients can send ids without registering them first, whether or not the safelist is on.
 */
export function persistedQueryPlugin<TContext extends BaseContext>(documents: TrustedDocuments): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const { persistedQuery } = (request.extensions ?? {}) as OperationRequest['extensions'] & object;
      const id = persistedQuery?.sha256Hash;
      if (request.query === undefined && typeof id === 'string') request.query = documents.bodyOf(id);
    },
  };
}

interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

function operationsIn(req: express.Request): OperationRequest[] | null {
  if (req.method === 'GET') {
    const { query, operationName, extensions } = req.query as Record<string, unknown>;
    if (query === undefined && extensions === undefined) return null;
    let parsedExtensions: OperationRequest['extensions'];
    try {
      parsedExtensions = typeof extensions === 'string' ? (JSON.parse(extensions) as OperationRequest['extensions']) : undefined;
    } catch {
      parsedExtensions = undefined;
    }
    return [{ query, operationName, extensions: parsedExtensions }];
  }
  const body: unknown = req.body;
  if (Array.isArray(body)) return body as OperationRequest[];
  return body && typeof body === 'object' ? [body] : [{}];
}

/** Whom the safelist holds in each PERSISTED_QUERIES mode (`off` holds no one). */
export function heldToSafelist(mode: PersistedQueriesConfig['mode'], identity: Identity | undefined): boolean {
  if (mode === 'off') return false;
  if (mode === 'enforce-partners') return !identity || !readsWholeChannel(identity.role);
  return true;
}

/**
 * PERSISTED_QUERIES=enforce (or enforce-partners, for partner callers): every operation must be in
 * the manifest, sent either as its text (compared after normalizing) or by id. Anything else is
 * refused before it is parsed against the schema, costed or executed. A browser loading the
 * Sandbox page (no operation) passes. Runs after authentication (the caller is in res.locals).
 */
export function enforceSafelist(
  documents: TrustedDocuments,
  bodyLimit: string | number,
  mode: Exclude<PersistedQueriesConfig['mode'], 'off'>,
): express.RequestHandler[] {
  const allowed = (operation: OperationRequest) => {
    if (typeof operation.query === 'string') return documents.isTrusted(operation.query);
    const id = operation.extensions?.persistedQuery?.sha256Hash;
    return typeof id === 'string' && documents.bodyOf(id) !== undefined;
  };
  const check: express.RequestHandler = (req, res, next) => {
    if (!heldToSafelist(mode, res.locals.identity as Identity | undefined)) return next();
    const operations = operationsIn(req);
    if (operations === null) return next();
    const refused = operations.find((operation) => !operation || typeof operation !== 'object' || !allowed(operation));
    if (!refused) return next();
    const name = typeof refused?.operationName === 'string' ? ` "${refused.operationName}"` : '';
    const whom = mode === 'enforce-partners' ? ' for PRIMARY and SECONDARY callers' : '';
    res.status(400).json({
      errors: [
        {
          message:
            `This gateway runs only the operations of its persisted-query manifest${whom}, and the operation${name} is not one of them. ` +
            'Send a documented operation (schema/operations/) as its text or by its id in extensions.persistedQuery.sha256Hash (client/persisted-queries.json).',
          extensions: { code: PERSISTED_QUERY_NOT_ALLOWED },
        },
      ],
    });
  };
  // Parsed here, ahead of Apollo's own parser (which then finds the body already read).
  return [express.json({ limit: bodyLimit }), check];
}
