import { ObjectType } from 'type-graphql';
import { IdColumn, TextColumn } from './columns';

/**
 * What a partner (partners) and an end customer (customers) both are: a named organisation in one
 * country. Each entity extends it, so its table and its GraphQL type start with these columns. No
 * field returns an Organisation, so the type itself is in no schema (type-graphql needs it
 * registered to hand its fields down).
 */
@ObjectType()
export abstract class Organisation {
  @IdColumn()
  id!: string;

  @TextColumn({ length: 200 })
  name!: string;

  @TextColumn({ length: 2, description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;
}
