import { Field, ObjectType } from 'type-graphql';
import type { Role } from '../../../common/identity';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import { Partner } from '../partner/partner.entity';

/** The roles of common/identity.ts, as the API shows them. */
export const CallerRole = graphqlEnum({
  name: 'CallerRole',
  description: 'What a token or API key may do (README, "Who sees what").',
  values: {
    VENDOR: 'The channel team: reads the whole channel and makes every change.',
    ANALYST: 'Reads the whole channel; never writes.',
    PRIMARY: 'A user or tool of one partner acting as a primary: its own data and its reseller network.',
    SECONDARY: 'A user or tool of one partner acting as a secondary: its own data.',
  } satisfies Record<Role, string>,
});
export type CallerRole = EnumValue<typeof CallerRole>;

@ObjectType('Viewer', { description: 'Who is calling: the role of the token or API key and, for partner roles, the partner.' })
export class Viewer {
  @Field({ description: "The token's subject, or the API key's id." })
  subject!: string;

  @Field(() => CallerRole)
  role!: CallerRole;

  @Field(() => Partner, { nullable: true, description: 'The partner a PRIMARY or SECONDARY caller acts for; null for VENDOR and ANALYST.' })
  partner!: Partner | null;
}
