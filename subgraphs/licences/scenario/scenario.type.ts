import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';
import { LicensingPartner } from '../partner/partner.type';

/** The licences subgraph's part of a threshold scenario: who would qualify on licensed cores. */
@ObjectType('ThresholdScenario')
@Directive('@key(fields: "minLicensedCores baselineMinLicensedCores")')
export class LicensingScenario {
  @Field(() => Int)
  minLicensedCores!: number;

  @Field(() => Int)
  baselineMinLicensedCores!: number;
}

@ObjectType('LicensedPartnerConnection', { description: 'Partners by licensed cores, most first.' })
export class LicensedPartnerConnection extends connectionTypes(LicensingPartner, 'LicensedPartner') {}
