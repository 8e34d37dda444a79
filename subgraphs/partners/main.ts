import 'reflect-metadata';
import { runSubgraphMain } from '../kit/main';
import { partnersSubgraph } from './subgraph';

runSubgraphMain(partnersSubgraph);
