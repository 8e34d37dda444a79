import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { auditTrailResolver } from '../kit/writes/audit-trail.resolver';
import { MembershipResolver } from './membership/membership.resolver';
import { membershipReference } from './membership/membership.reference';
import { ChannelPartnerResolver } from './partner/partner.resolver';
import { partnerReference } from './partner/partner.reference';
import { overviewReference } from './overview/overview.reference';
import { ChannelOverviewResolver } from './overview/overview.resolver';
import { ProgramResolver } from './program/program.resolver';
import { scenarioReference } from './scenario/scenario.reference';
import { ThresholdScenarioResolver } from './scenario/scenario.resolver';
import { programReference } from './program/program.reference';
import { timelineReference } from './timeline/timeline.reference';
import { ChannelTimelineResolver, TimelinePeriodResolver } from './timeline/timeline.resolver';

const ProgramsAuditTrailResolver = auditTrailResolver(
  'programsAuditTrail',
  'Changes to program memberships: who, when, what, before and after.',
);

export function buildProgramsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ProgramResolver,
        MembershipResolver,
        ChannelPartnerResolver,
        ChannelOverviewResolver,
        ThresholdScenarioResolver,
        ChannelTimelineResolver,
        TimelinePeriodResolver,
        ProgramsAuditTrailResolver,
      ],
    },
    { ...programReference, ...membershipReference, ...partnerReference, ...overviewReference, ...scenarioReference, ...timelineReference },
  );
}
