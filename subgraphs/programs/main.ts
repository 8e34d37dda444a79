import 'reflect-metadata';
import { runSubgraphMain } from '../kit/main';
import { programsSubgraph } from './subgraph';

runSubgraphMain(programsSubgraph);
