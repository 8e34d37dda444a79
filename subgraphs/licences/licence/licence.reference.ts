import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';

export const licenceReference: ReferenceResolvers<LicencesContext> = {
  Licence: { __resolveReference: (reference, { licences }) => licences.find(reference.id) },
};
