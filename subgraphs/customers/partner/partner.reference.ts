import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';
import type { ServingPartner } from './partner.type';

/** Partners are owned by the partners subgraph; any id may have (possibly no) contracts here. */
export const partnerReference: ReferenceResolvers<CustomersContext> = {
  Partner: { __resolveReference: (reference): ServingPartner => ({ id: reference.id }) },
};
