import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';

export const scenarioReference: ReferenceResolvers<CustomersContext> = {
  ThresholdScenario: channelWideReference('thresholdWhatIf'),
};
