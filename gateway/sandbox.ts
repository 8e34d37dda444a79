import fs from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { schemaPath } from '../common/paths';

/** Every documented operation (schema/operations/), headline first, as one document: Sandbox lists each as an example to run. */
function documentedOperations(): string {
  const directory = schemaPath('operations');
  const files = fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => Number(b === 'WhoResellsWhatToWhom.graphql') - Number(a === 'WhoResellsWhatToWhom.graphql') || a.localeCompare(b));
  return files.map((file) => fs.readFileSync(`${directory}/${file}`, 'utf8').trim()).join('\n\n') + '\n';
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
