import type { SubgraphModule } from '../kit/subgraph';
import { AuditEvent } from '../kit/writes/audit-event.entity';
import { IdempotencyKey } from '../kit/writes/idempotency-key.entity';
import { WhiteLabelAgreement } from './agreement/agreement.entity';
import { LicenceAllocation } from './allocation/allocation.entity';
import { createLicencesContext, type LicencesContext } from './context';
import { Licence } from './licence/licence.entity';
import { licencesMigrations } from './schema-migrations';
import { buildLicencesSchema } from './schema';

export const licencesSubgraph: SubgraphModule<LicencesContext> = {
  name: 'licences',
  store: {
    subgraph: 'licences',
    entities: [Licence, WhiteLabelAgreement, LicenceAllocation, AuditEvent, IdempotencyKey],
    migrations: licencesMigrations,
  },
  buildSchema: buildLicencesSchema,
  createContext: createLicencesContext,
};
