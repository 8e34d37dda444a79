import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';
import type { CustomerOverview } from './overview.type';

export const overviewReference: ReferenceResolvers<CustomersContext> = {
  ChannelOverview: channelWideReference<CustomerOverview>('channelOverview'),
};
