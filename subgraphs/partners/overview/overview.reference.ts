import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { PartnersContext } from '../context';
import type { DirectoryOverview } from './overview.type';

export const overviewReference: ReferenceResolvers<PartnersContext> = {
  ChannelOverview: channelWideReference<DirectoryOverview>('channelOverview'),
};
