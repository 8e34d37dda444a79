import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';

export const overviewReference: ReferenceResolvers<LicencesContext> = {
  ChannelOverview: channelWideReference('channelOverview'),
};
