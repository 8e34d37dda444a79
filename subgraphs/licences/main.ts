import 'reflect-metadata';
import { runSubgraphMain } from '../kit/main';
import { licencesSubgraph } from './subgraph';

runSubgraphMain(licencesSubgraph);
