import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';

export const membershipReference: ReferenceResolvers<ProgramsContext> = {
  ProgramMembership: { __resolveReference: (reference, { memberships }) => memberships.find(reference.id) },
};
