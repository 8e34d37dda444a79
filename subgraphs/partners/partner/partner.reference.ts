import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { PartnersContext } from '../context';

export const partnerReference: ReferenceResolvers<PartnersContext> = {
  Partner: { __resolveReference: (reference, { partners }) => partners.find(reference.id) },
};
