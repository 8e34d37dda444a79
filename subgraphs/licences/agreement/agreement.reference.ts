import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';

export const agreementReference: ReferenceResolvers<LicencesContext> = {
  WhiteLabelAgreement: { __resolveReference: (reference, { agreements }) => agreements.find(reference.id) },
};
