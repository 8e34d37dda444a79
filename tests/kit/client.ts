import fs from 'node:fs';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { projectRoot } from '../../common/paths';

/**
 * What a test sends: a documented operation as the client kit types it (`client/generated`, e.g.
 * `HeadlineDocument`: its answer and variables typed), or GraphQL text for what no client sends.
 * The answer to GraphQL text has no generated type: a test names it (`graphqlData<{ partner: … }>`)
 * or, where it leaves it out, reads it as `any` (the default below, kept only for that).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer to GraphQL text, see above
export type Operation<TData = any, TVariables = Record<string, unknown>> = TypedDocumentNode<TData, TVariables> | string;

export function operationText(operation: Operation<unknown, never>): string {
  return typeof operation === 'string' ? operation : print(operation);
}

export interface GraphQLResponse<TData = unknown> {
  status: number;
  data?: TData;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

let defaultHeaders: Record<string, string> = {};

/** Headers sent with every request of this test file unless overridden (e.g. the analyst's token). */
export function useDefaultHeaders(headers: Record<string, string>): void {
  defaultHeaders = headers;
}

/** The JSON body `graphql` sends: what a subgraph's signed identity must be signed over (TestStack.internalHeaders). */
export function requestBody(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}

/** The edges of a connection, to type the answer of a query written as text: `Edges<{ id: string }>`. */
export type Edges<TNode> = Array<{ node: TNode }>;

/** POSTs a GraphQL operation over a real socket. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer to GraphQL text, which has no generated type (see Operation)
export async function graphql<TData = any, TVariables = Record<string, unknown>>(
  url: string,
  query: Operation<TData, TVariables>,
  variables: TVariables | Record<string, never> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...defaultHeaders, ...headers },
    body: requestBody(operationText(query), variables as Record<string, unknown>),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** Like `graphql`, but fails the test with the errors when there are any. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer to GraphQL text, which has no generated type (see Operation)
export async function graphqlData<TData = any, TVariables = Record<string, unknown>>(
  url: string,
  query: Operation<TData, TVariables>,
  variables: TVariables | Record<string, never> = {},
  headers: Record<string, string> = {},
): Promise<TData> {
  const response = await graphql(url, query, variables, headers);
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors (HTTP ${response.status}): ${JSON.stringify(response.errors, null, 2)}`);
  }
  return response.data;
}

/** A documented operation from schema/operations/<name>.graphql. */
export function operation(name: string): string {
  return fs.readFileSync(path.join(projectRoot(), 'schema', 'operations', `${name}.graphql`), 'utf8');
}
