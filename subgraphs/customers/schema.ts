import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { ContractResolver } from './contract/contract.resolver';
import { customerReferences } from './customer/customer.reference';
import { CustomerResolver } from './customer/customer.resolver';
import { ServedAllocationResolver, ServedLicenceResolver } from './licence/licence.resolver';
import { MigrationResolver } from './migration/migration.resolver';
import { servedEntityReferences } from './partner/partner.reference';
import { ServingPartnerResolver } from './partner/partner.resolver';

export function buildCustomersSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        CustomerResolver,
        ContractResolver,
        MigrationResolver,
        ServingPartnerResolver,
        ServedLicenceResolver,
        ServedAllocationResolver,
      ],
    },
    { ...customerReferences, ...servedEntityReferences },
  );
}
