import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';

export const allocationReference: ReferenceResolvers<LicencesContext> = {
  LicenceAllocation: { __resolveReference: (reference, { allocations }) => allocations.find(reference.id) },
};
