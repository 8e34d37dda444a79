import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** The programs subgraph's view of a partner: its standing in the programs. */
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class ChannelPartner {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Owned by the licences subgraph; read here to judge the Advantage threshold.' })
  @Directive('@external')
  licensedCores?: number | null;
}
