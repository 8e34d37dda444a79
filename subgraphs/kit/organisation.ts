import { Field, ID, ObjectType } from 'type-graphql';
import { Column, PrimaryColumn } from 'typeorm';

/**
 * What a partner (partners) and an end customer (customers) both are: a named organisation in one
 * country. Each entity extends it, so its table and its GraphQL type start with these columns. No
 * field returns an Organisation, so the type itself is in no schema (type-graphql needs it
 * registered to hand its fields down).
 */
@ObjectType()
export abstract class Organisation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  name!: string;

  @Column({ type: 'varchar', length: 2 })
  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;
}
