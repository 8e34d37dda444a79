import { buildFederatedSchema, type FederatedSchema } from '../kit/federated-schema';
import { partnerReference } from './partner/partner.reference';
import { PartnerResolver } from './partner/partner.resolver';

export function buildPartnersSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({ resolvers: [PartnerResolver] }, { ...partnerReference });
}
