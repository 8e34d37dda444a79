import { ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { LicensingPartner } from './partner.type';

@ObjectType('LicensedPartnerConnection', { description: 'Partners by licensed cores, most first.' })
export class LicensedPartnerConnection extends connectionTypes(LicensingPartner, 'LicensedPartner') {}
