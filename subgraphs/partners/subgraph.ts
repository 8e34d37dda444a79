import type { SubgraphModule } from '../kit/subgraph';
import { AuditEvent } from '../kit/writes/audit-event.entity';
import { IdempotencyKey } from '../kit/writes/idempotency-key.entity';
import { ApiKey } from './api-key/api-key.entity';
import { createPartnersContext, type PartnersContext } from './context';
import { partnersMigrations } from './schema-migrations';
import { Partner } from './partner/partner.entity';
import { buildPartnersSchema } from './schema';

export const partnersSubgraph: SubgraphModule<PartnersContext> = {
  name: 'partners',
  store: { subgraph: 'partners', entities: [Partner, ApiKey, AuditEvent, IdempotencyKey], migrations: partnersMigrations },
  buildSchema: buildPartnersSchema,
  createContext: createPartnersContext,
};
