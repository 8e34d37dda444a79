import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

export const overviewReference: ReferenceResolvers<CustomersContext> = {
  ChannelOverview: channelWideReference('channelOverview'),
};
