import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Allocations are owned by the licences subgraph; here they gain the contracts a secondary serves with them. */
@ObjectType('LicenceAllocation')
@Directive('@key(fields: "id")')
export class ServedAllocation {
  @Field(() => ID)
  id!: string;
}
