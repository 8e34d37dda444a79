import type { ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';
import type { ChannelPartner } from './partner.type';

/** Any partner id has a standing here (NOT_ENROLLED without memberships); the representation carries licensedCores. */
export const partnerReference: ReferenceResolvers<ProgramsContext> = {
  Partner: { __resolveReference: (reference): ChannelPartner => reference },
};
