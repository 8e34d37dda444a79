import 'reflect-metadata';
import { runSubgraphMain } from '../kit/main';
import { customersSubgraph } from './subgraph';

runSubgraphMain(customersSubgraph);
