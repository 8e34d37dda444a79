import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';

export const timelineReference: ReferenceResolvers<ProgramsContext> = {
  TimelinePeriod: channelWideReference('channelTimeline'),
};
