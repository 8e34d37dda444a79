import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';

export const programReference: ReferenceResolvers<ProgramsContext> = {
  Program: { __resolveReference: (reference, { programs }) => programs.byId(reference.id) },
};
