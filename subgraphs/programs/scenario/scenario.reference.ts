import { channelWideReference, type ReferenceResolvers } from '../../kit/federated-schema';
import type { ProgramsContext } from '../context';
import type { ThresholdScenario } from './scenario.type';

export const scenarioReference: ReferenceResolvers<ProgramsContext> = {
  ThresholdScenario: channelWideReference<ThresholdScenario>('thresholdWhatIf'),
};
