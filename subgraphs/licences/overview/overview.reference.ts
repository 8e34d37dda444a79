import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';
import type { LicensingOverview } from './overview.type';

export const overviewReference: ReferenceResolvers<LicencesContext> = {
  ChannelOverview: channelWideReference<LicensingOverview>('channelOverview'),
};
