import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

export const timelineReference: ReferenceResolvers<CustomersContext> = {
  TimelinePeriod: channelWideReference('channelTimeline'),
};
