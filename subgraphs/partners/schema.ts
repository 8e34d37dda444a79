import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { directoryOverviewReference, DirectoryOverviewResolver } from './overview/overview.resolver';
import { partnerReference } from './partner/partner.reference';
import { PartnerResolver } from './partner/partner.resolver';
import { DirectoryOverview } from './overview/overview.type';
import { ViewerResolver } from './viewer/viewer.resolver';

export function buildPartnersSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    { resolvers: [PartnerResolver, DirectoryOverviewResolver, ApiKeyResolver, ViewerResolver], orphanedTypes: [DirectoryOverview] },
    { ...partnerReference, ...directoryOverviewReference },
  );
}
