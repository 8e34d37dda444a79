import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Internal (not in the public API): who an API key authenticates, for the gateway. */
@ObjectType('ApiKeyIdentity', { description: 'Internal: the caller an API key stands for.' })
@Directive('@inaccessible')
export class ApiKeyIdentity {
  @Field({ description: 'The key id.' })
  subject!: string;

  @Field({ description: 'VENDOR, ANALYST, PRIMARY or SECONDARY.' })
  role!: string;

  @Field(() => ID, { nullable: true, description: 'The partner of a PRIMARY or SECONDARY key.' })
  partnerId!: string | null;
}
