import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';
import type { ServedLicence } from './licence.type';

/** Licences are owned by the licences subgraph; any id may have (possibly no) contracts here. */
export const licenceReference: ReferenceResolvers<CustomersContext> = {
  Licence: { __resolveReference: (reference): ServedLicence => ({ id: reference.id }) },
};
