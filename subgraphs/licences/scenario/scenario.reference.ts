import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';

export const scenarioReference: ReferenceResolvers<LicencesContext> = {
  ThresholdScenario: channelWideReference('thresholdWhatIf'),
};
