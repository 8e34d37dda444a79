import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

export const customerReferences: ReferenceResolvers<CustomersContext> = {
  EndCustomer: { __resolveReference: (reference, { customers }) => customers.find(reference.id) },
  ServiceContract: { __resolveReference: (reference, { contracts }) => contracts.find(reference.id) },
  CustomerMigration: { __resolveReference: (reference, { migrations }) => migrations.find(reference.id) },
};
