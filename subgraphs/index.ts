import { customersSubgraph } from './customers/subgraph';
import type { SubgraphModule } from './kit/subgraph';
import { licencesSubgraph } from './licences/subgraph';
import { partnersSubgraph } from './partners/subgraph';
import { programsSubgraph } from './programs/subgraph';

/** The four subgraphs, in the order the stack starts them. */
export const subgraphs: ReadonlyArray<SubgraphModule<object>> = [partnersSubgraph, programsSubgraph, licencesSubgraph, customersSubgraph];
