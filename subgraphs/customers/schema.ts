import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { auditTrailResolver } from '../kit/writes/audit-trail.resolver';
import { allocationReference } from './allocation/allocation.reference';
import { ServedAllocationResolver } from './allocation/allocation.resolver';
import { contractReference } from './contract/contract.reference';
import { ContractResolver } from './contract/contract.resolver';
import { customerReference } from './customer/customer.reference';
import { CustomerResolver } from './customer/customer.resolver';
import { licenceReference } from './licence/licence.reference';
import { ServedLicenceResolver } from './licence/licence.resolver';
import { migrationReference } from './migration/migration.reference';
import { MigrationResolver } from './migration/migration.resolver';
import { overviewReference } from './overview/overview.reference';
import { CustomerOverviewResolver } from './overview/overview.resolver';
import { CustomerOverview } from './overview/overview.type';
import { partnerReference } from './partner/partner.reference';
import { ServingPartnerResolver } from './partner/partner.resolver';
import { scenarioReference } from './scenario/scenario.reference';
import { CustomerScenarioResolver } from './scenario/scenario.resolver';
import { CustomerScenario } from './scenario/scenario.type';
import { timelineReference } from './timeline/timeline.reference';
import { CustomerTimelineResolver } from './timeline/timeline.resolver';
import { CustomerTimelinePeriod } from './timeline/timeline.type';

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
        CustomerTimelineResolver,
        CustomersAuditTrailResolver,
      ],
      orphanedTypes: [CustomerOverview, CustomerScenario, CustomerTimelinePeriod],
    },
    {
      ...customerReference,
      ...contractReference,
      ...migrationReference,
      ...partnerReference,
      ...licenceReference,
      ...allocationReference,
      ...overviewReference,
      ...scenarioReference,
      ...timelineReference,
    },
  );
}
