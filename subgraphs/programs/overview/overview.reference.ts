import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';

export const overviewReference: ReferenceResolvers<ProgramsContext> = {
  ChannelOverview: channelWideReference('channelOverview'),
};
