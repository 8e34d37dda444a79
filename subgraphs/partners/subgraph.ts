import type { SubgraphModule } from '../kit/subgraph';
import { ApiKey } from './api-key/api-key.entity';
import { createPartnersContext, type PartnersContext } from './context';
import { partnersMigrations } from './migrations';
import { Partner } from './partner/partner.entity';
import { buildPartnersSchema } from './schema';

export const partnersSubgraph: SubgraphModule<PartnersContext> = {
  name: 'partners',
  store: { subgraph: 'partners', entities: [Partner, ApiKey], migrations: partnersMigrations },
  buildSchema: buildPartnersSchema,
  createContext: createPartnersContext,
};
