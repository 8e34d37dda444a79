import type { SubgraphModule } from '../kit/subgraph';
import { WhiteLabelAgreement } from './agreement/agreement.entity';
import { LicenceAllocation } from './allocation/allocation.entity';
import { createLicencesContext, type LicencesContext } from './context';
import { Licence } from './licence/licence.entity';
import { licencesMigrations } from './migrations';
import { buildLicencesSchema } from './schema';

export const licencesSubgraph: SubgraphModule<LicencesContext> = {
  name: 'licences',
  store: { subgraph: 'licences', entities: [Licence, WhiteLabelAgreement, LicenceAllocation], migrations: licencesMigrations },
  buildSchema: buildLicencesSchema,
  createContext: createLicencesContext,
};
