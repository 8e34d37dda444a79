import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { auditTrailResolver } from '../kit/writes/audit-trail.resolver';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { overviewReference } from './overview/overview.reference';
import { DirectoryOverviewResolver } from './overview/overview.resolver';
import { partnerReference } from './partner/partner.reference';
import { PartnerResolver } from './partner/partner.resolver';
import { DirectoryOverview } from './overview/overview.type';
import { timelineReference } from './timeline/timeline.reference';
import { DirectoryTimelineResolver } from './timeline/timeline.resolver';
import { DirectoryTimelinePeriod } from './timeline/timeline.type';
import { ViewerResolver } from './viewer/viewer.resolver';

const PartnersAuditTrailResolver = auditTrailResolver(
  'partnersAuditTrail',
  'Changes to the partner directory: who, when, what, before and after.',
);

export function buildPartnersSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        PartnerResolver,
        DirectoryOverviewResolver,
        DirectoryTimelineResolver,
        ApiKeyResolver,
        PartnersAuditTrailResolver,
        ViewerResolver,
      ],
      orphanedTypes: [DirectoryOverview, DirectoryTimelinePeriod],
    },
    { ...partnerReference, ...overviewReference, ...timelineReference },
  );
}
