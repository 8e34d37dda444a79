import { registerEnumType } from 'type-graphql';

/** A partner's side of the White Label Program: programs records it on memberships, licences on agreements. */
export enum WhiteLabelRole {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
}
registerEnumType(WhiteLabelRole, {
  name: 'WhiteLabelRole',
  description: 'PRIMARY: an admitted provider reselling to others; SECONDARY: a provider buying its licences from a primary.',
});
