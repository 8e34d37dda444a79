import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { Partner } from './partner.entity';

@ObjectType('PartnerConnection')
export class PartnerConnection extends connectionTypes(Partner, 'Partner') {}
