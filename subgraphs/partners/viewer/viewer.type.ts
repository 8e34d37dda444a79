import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Partner } from '../partner/partner.entity';

/** The roles of common/identity.ts, as the API shows them. */
export enum CallerRole {
  VENDOR = 'VENDOR',
  ANALYST = 'ANALYST',
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
}
registerEnumType(CallerRole, {
  name: 'CallerRole',
  description: 'What a token or API key may do (README, "Who sees what").',
  valuesConfig: {
    VENDOR: { description: 'The channel team: reads the whole channel and makes every change.' },
    ANALYST: { description: 'Reads the whole channel; never writes.' },
    PRIMARY: { description: 'A user or tool of one partner acting as a primary: its own data and its reseller network.' },
    SECONDARY: { description: 'A user or tool of one partner acting as a secondary: its own data.' },
  },
});

@ObjectType('Viewer', { description: 'Who is calling: the role of the token or API key and, for partner roles, the partner.' })
export class Viewer {
  @Field({ description: "The token's subject, or the API key's id." })
  subject!: string;

  @Field(() => CallerRole)
  role!: CallerRole;

  @Field(() => Partner, { nullable: true, description: 'The partner a PRIMARY or SECONDARY caller acts for; null for VENDOR and ANALYST.' })
  partner!: Partner | null;
}
