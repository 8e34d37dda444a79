import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { LicencesContext } from '../context';
import type { LicensingScenario } from './scenario.type';

export const scenarioReference: ReferenceResolvers<LicencesContext> = {
  ThresholdScenario: channelWideReference<LicensingScenario>('thresholdWhatIf'),
};
