import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

/** Partners, licences and allocations are owned elsewhere; any id may have (possibly no) contracts here. */
export const servedEntityReferences: ReferenceResolvers<CustomersContext> = {
  Partner: { __resolveReference: (reference) => ({ id: reference.id }) },
  Licence: { __resolveReference: (reference) => ({ id: reference.id }) },
  LicenceAllocation: { __resolveReference: (reference) => ({ id: reference.id }) },
};
