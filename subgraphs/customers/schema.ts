import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { auditTrailResolver } from '../kit/writes/audit-trail.resolver';
import { ContractResolver } from './contract/contract.resolver';
import { customerReferences } from './customer/customer.reference';
import { CustomerResolver } from './customer/customer.resolver';
import { ServedAllocationResolver, ServedLicenceResolver } from './licence/licence.resolver';
import { MigrationResolver } from './migration/migration.resolver';
import { customerOverviewReference, CustomerOverviewResolver } from './overview/overview.resolver';
import { customerScenarioReference, CustomerScenarioResolver } from './scenario/scenario.resolver';
import { servedEntityReferences } from './partner/partner.reference';
import { ServingPartnerResolver } from './partner/partner.resolver';
import { CustomerOverview } from './overview/overview.type';
import { CustomerScenario } from './scenario/scenario.type';

const CustomersAuditTrailResolver = auditTrailResolver('customersAuditTrail', 'Changes to contracts: who, when, what, before and after.');

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
        CustomerOverviewResolver,
        CustomerScenarioResolver,
        CustomersAuditTrailResolver,
      ],
      orphanedTypes: [CustomerOverview, CustomerScenario],
    },
    { ...customerReferences, ...servedEntityReferences, ...customerOverviewReference, ...customerScenarioReference },
  );
}
