import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { PartnersContext } from '../context';

export const timelineReference: ReferenceResolvers<PartnersContext> = {
  TimelinePeriod: channelWideReference('channelTimeline'),
};
