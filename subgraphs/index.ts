import { customersSubgraph } from './customers/subgraph';
import type { SubgraphName } from '../common/config';
import type { SubgraphModule } from './kit/subgraph';
import { licencesSubgraph } from './licences/subgraph';
import { partnersSubgraph } from './partners/subgraph';
import { programsSubgraph } from './programs/subgraph';

/** The four subgraphs, in the order the stack starts them. */
export const subgraphs: ReadonlyArray<SubgraphModule<object>> = [partnersSubgraph, programsSubgraph, licencesSubgraph, customersSubgraph];

/** The subgraph whose database holds `entity`'s records: the one whose store lists it (an entity every store lists has no one owner). */
export function subgraphStoring(entity: abstract new () => unknown): SubgraphName {
  const owners = subgraphs.filter((subgraph) => Object.values(subgraph.store.entities).includes(entity));
  if (owners.length !== 1) throw new Error(`${entity.name} is stored by ${owners.length} subgraphs: name the one meant.`);
  return owners[0]!.name;
}
