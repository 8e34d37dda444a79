import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { EndCustomer } from './customer.entity';

@ObjectType('EndCustomerConnection')
export class EndCustomerConnection extends connectionTypes(EndCustomer, 'EndCustomer') {}
