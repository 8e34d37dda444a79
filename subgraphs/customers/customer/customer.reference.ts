import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

export const customerReference: ReferenceResolvers<CustomersContext> = {
  EndCustomer: { __resolveReference: (reference, { customers }) => customers.find(reference.id) },
};
