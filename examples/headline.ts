/**
 * A partner tool in a few lines: plain fetch, the typed document from the client kit, sent by its
 * persisted-query id (works whether or not the gateway enforces the safelist).
 *
 *   TOKEN=$(npm run --silent token -- --role ANALYST) npm run example
 *
 * GATEWAY_URL defaults to the quick start's http://localhost:4000/graphql.
 */
import { createHash } from 'node:crypto';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { WhoResellsWhatToWhomDocument } from '../client/generated/graphql';

interface GraphQLAnswer<TData> {
  data?: TData;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Sends only the operation's id: the SHA-256 of its printed text, as in client/persisted-queries.json. */
async function run<TData, TVariables>(
  url: string,
  token: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const sha256Hash = createHash('sha256').update(print(document)).digest('hex');
  const credentials: Record<string, string> = token.startsWith('cgk_') ? { 'x-api-key': token } : { authorization: `Bearer ${token}` };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  const answer = (await response.json()) as GraphQLAnswer<TData>;
  if (answer.errors?.length || !answer.data) {
    const first = answer.errors?.[0] ?? { message: `HTTP ${response.status} without data` };
    throw new Error(`${first.extensions?.code ?? `HTTP ${response.status}`}: ${first.message}`);
  }
  return answer.data;
}

async function main(): Promise<void> {
  const url = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
  const token = process.env.TOKEN;
  if (!token) throw new Error('Set TOKEN to a bearer token (npm run token -- --role ANALYST) or an API key.');
  const first = Number(process.env.FIRST ?? 5);

  const { whiteLabelAgreements } = await run(url, token, WhoResellsWhatToWhomDocument, { first });
  console.log(
    `Who resells what to whom: ${whiteLabelAgreements.totalCount} active white-label agreements (first ${whiteLabelAgreements.edges.length}):`,
  );
  for (const { node } of whiteLabelAgreements.edges) {
    const contracts = node.allocations.flatMap((allocation) => allocation.contracts);
    const cores = node.allocations.reduce((sum, allocation) => sum + allocation.cores, 0);
    const customers = [...new Set(contracts.map((contract) => contract.customer.name))];
    const shown = customers.slice(0, 3).join(', ') + (customers.length > 3 ? `, … (${customers.length} in all)` : '');
    console.log(
      `- ${node.secondary.name} (${node.secondary.country}) resells ${cores} cores of ${node.primary.name}'s licences ` +
        `(${node.primary.licensedCores ?? '?'} licensed cores, ${node.primary.channelStatus}) to ${customers.length ? shown : 'no customer yet'}`,
    );
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
