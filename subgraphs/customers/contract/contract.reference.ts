import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

export const contractReference: ReferenceResolvers<CustomersContext> = {
  ServiceContract: { __resolveReference: (reference, { contracts }) => contracts.find(reference.id) },
};
