import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { ServiceContract } from './contract.entity';

@ObjectType('ServiceContractConnection')
export class ServiceContractConnection extends connectionTypes(ServiceContract, 'ServiceContract') {}
