import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';

export const timelineReference: ReferenceResolvers<LicencesContext> = {
  TimelinePeriod: channelWideReference('channelTimeline'),
};
