import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';
import type { LicensingPartner } from './partner.type';

/** Any partner id has licensing data here (possibly none): no lookup needed. */
export const partnerReference: ReferenceResolvers<LicencesContext> = {
  Partner: { __resolveReference: (reference): LicensingPartner => ({ id: reference.id }) },
};
