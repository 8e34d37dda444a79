import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum WhiteLabelRole {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
}
registerEnumType(WhiteLabelRole, {
  name: 'WhiteLabelRole',
  description: 'PRIMARY: an admitted provider reselling to others; SECONDARY: a provider buying its licences from a primary.',
});

/** The licences subgraph's view of a partner: what it holds, grants and receives. */
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class LicensingPartner {
  @Field(() => ID)
  id!: string;
}
