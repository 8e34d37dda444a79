import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The customers subgraph's view of a partner: whom it serves. */
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class ServingPartner {
  @Field(() => ID)
  id!: string;
}
