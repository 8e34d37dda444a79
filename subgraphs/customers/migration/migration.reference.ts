import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

export const migrationReference: ReferenceResolvers<CustomersContext> = {
  CustomerMigration: { __resolveReference: (reference, { migrations }) => migrations.find(reference.id) },
};
