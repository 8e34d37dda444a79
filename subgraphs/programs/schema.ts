import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { MembershipResolver } from './membership/membership.resolver';
import { membershipReference } from './membership/membership.reference';
import { ChannelPartnerResolver } from './partner/partner.resolver';
import { channelPartnerReference } from './partner/partner.reference';
import { channelOverviewReference, ChannelOverviewResolver } from './overview/overview.resolver';
import { ProgramResolver } from './program/program.resolver';
import { thresholdScenarioReference, ThresholdScenarioResolver } from './scenario/scenario.resolver';
import { programReference } from './program/program.reference';

export function buildProgramsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    { resolvers: [ProgramResolver, MembershipResolver, ChannelPartnerResolver, ChannelOverviewResolver, ThresholdScenarioResolver] },
    { ...programReference, ...membershipReference, ...channelPartnerReference, ...channelOverviewReference, ...thresholdScenarioReference },
  );
}
