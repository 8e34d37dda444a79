import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { auditTrailResolver } from '../kit/writes/audit-trail.resolver';
import { agreementReference } from './agreement/agreement.reference';
import { AgreementResolver } from './agreement/agreement.resolver';
import { allocationReference } from './allocation/allocation.reference';
import { AllocationResolver } from './allocation/allocation.resolver';
import { licenceReference } from './licence/licence.reference';
import { LicenceResolver } from './licence/licence.resolver';
import { ResellerNetworkResolver } from './network/network.resolver';
import { overviewReference } from './overview/overview.reference';
import { LicensingOverviewResolver } from './overview/overview.resolver';
import { partnerReference } from './partner/partner.reference';
import { scenarioReference } from './scenario/scenario.reference';
import { LicensingScenarioResolver } from './scenario/scenario.resolver';
import { LicensingPartnerResolver } from './partner/partner.resolver';
import { LicensingOverview } from './overview/overview.type';
import { LicensingScenario } from './scenario/scenario.type';
import { timelineReference } from './timeline/timeline.reference';
import { LicensingTimelineResolver } from './timeline/timeline.resolver';
import { LicensingTimelinePeriod } from './timeline/timeline.type';

const LicencesAuditTrailResolver = auditTrailResolver(
  'licencesAuditTrail',
  'Changes to licences, agreements and allocations: who, when, what, before and after.',
);

export function buildLicencesSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        LicenceResolver,
        AgreementResolver,
        AllocationResolver,
        LicensingPartnerResolver,
        LicensingOverviewResolver,
        LicensingScenarioResolver,
        LicensingTimelineResolver,
        ResellerNetworkResolver,
        LicencesAuditTrailResolver,
      ],
      orphanedTypes: [LicensingOverview, LicensingScenario, LicensingTimelinePeriod],
    },
    {
      ...licenceReference,
      ...agreementReference,
      ...allocationReference,
      ...partnerReference,
      ...overviewReference,
      ...scenarioReference,
      ...timelineReference,
    },
  );
}
