import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';
import type { ServedAllocation } from './allocation.type';

/** Allocations are owned by the licences subgraph; any id may have (possibly no) contracts here. */
export const allocationReference: ReferenceResolvers<CustomersContext> = {
  LicenceAllocation: { __resolveReference: (reference): ServedAllocation => ({ id: reference.id }) },
};
