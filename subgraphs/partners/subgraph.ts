import type { SubgraphModule } from '../kit/subgraph';
import { createPartnersContext, type PartnersContext } from './context';
import { partnersMigrations } from './migrations';
import { Partner } from './partner/partner.entity';
import { buildPartnersSchema } from './schema';

export const partnersSubgraph: SubgraphModule<PartnersContext> = {
  name: 'partners',
  store: { subgraph: 'partners', entities: [Partner], migrations: partnersMigrations },
  buildSchema: buildPartnersSchema,
  createContext: createPartnersContext,
};
