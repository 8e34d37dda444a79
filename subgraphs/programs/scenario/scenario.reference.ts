import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';

export const scenarioReference: ReferenceResolvers<ProgramsContext> = {
  ThresholdScenario: channelWideReference('thresholdWhatIf'),
};
