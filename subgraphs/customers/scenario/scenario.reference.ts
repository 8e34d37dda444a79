import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { CustomersContext } from '../context';
import type { CustomerScenario } from './scenario.type';

export const scenarioReference: ReferenceResolvers<CustomersContext> = {
  ThresholdScenario: channelWideReference<CustomerScenario>('thresholdWhatIf'),
};
