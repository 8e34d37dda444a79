import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { ChannelPartner } from './partner.type';

@ObjectType('ChannelPartnerConnection')
export class ChannelPartnerConnection extends connectionTypes(ChannelPartner, 'ChannelPartner') {}
