import fs from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { schemaPath } from '../common/paths';

/** The headline question: first in Sandbox and in the query IDE. */
const HEADLINE_OPERATION = 'WhoResellsWhatToWhom';

export interface DocumentedOperation {
  name: string;
  /** The comment lines the file opens with, as one sentence or paragraph. */
  description: string;
  text: string;
}

/** Every documented operation (schema/operations/), headline first, then by name. */
export function documentedOperationFiles(): DocumentedOperation[] {
  const directory = schemaPath('operations');
  return fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => {
      const text = fs.readFileSync(`${directory}/${file}`, 'utf8').trim() + '\n';
      const comments = /^(?:#.*\n)+/.exec(text)?.[0] ?? '';
      const description = comments
        .split('\n')
        .map((line) => line.replace(/^#\s?/, '').trim())
        .filter(Boolean)
        .join(' ');
      return { name: file.replace(/\.graphql$/, ''), description, text };
    })
    .sort((a, b) => Number(b.name === HEADLINE_OPERATION) - Number(a.name === HEADLINE_OPERATION) || a.name.localeCompare(b.name));
}

/** Every documented operation as one document: Sandbox lists each as an example to run. */
function documentedOperations(): string {
  return (
    documentedOperationFiles()
      .map((operation) => operation.text.trim())
      .join('\n\n') + '\n'
  );
}

/** Development landing page: Apollo Sandbox with the documented operations loaded and, when given, the caller's token preset. */
export function sandboxLandingPage(token: string | undefined): ApolloServerPlugin {
  return ApolloServerPluginLandingPageLocalDefault({
    document: documentedOperations(),
    embed: token ? { initialState: { sharedHeaders: { Authorization: `Bearer ${token}` } } } : true,
    footer: false,
    includeCookies: false,
  });
}
