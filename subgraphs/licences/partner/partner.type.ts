import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The licences subgraph's view of a partner: what it holds, grants and receives. */
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class LicensingPartner {
  @Field(() => ID)
  id!: string;
}
