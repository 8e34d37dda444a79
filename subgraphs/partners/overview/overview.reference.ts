import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { PartnersContext } from '../context';

export const overviewReference: ReferenceResolvers<PartnersContext> = {
  ChannelOverview: channelWideReference('channelOverview'),
};
