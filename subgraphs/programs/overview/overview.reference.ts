import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';
import type { ChannelOverview } from './overview.type';

export const overviewReference: ReferenceResolvers<ProgramsContext> = {
  ChannelOverview: channelWideReference<ChannelOverview>('channelOverview'),
};
