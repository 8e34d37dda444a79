import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Licences are owned by the licences subgraph; here they gain the contracts served on them. */
@ObjectType('Licence')
@Directive('@key(fields: "id")')
export class ServedLicence {
  @Field(() => ID)
  id!: string;
}
