import { graphqlEnum, type EnumValue } from './graphql-enum';

/** A partner's side of the White Label Program: programs records it on memberships, licences on agreements. */
export const WhiteLabelRole = graphqlEnum({
  name: 'WhiteLabelRole',
  description: 'PRIMARY: an admitted provider reselling to others; SECONDARY: a provider buying its licences from a primary.',
  values: ['PRIMARY', 'SECONDARY'],
});
export type WhiteLabelRole = EnumValue<typeof WhiteLabelRole>;
