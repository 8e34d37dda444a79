import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';

/**
 * A record stored in `table` and shown as the GraphQL type `type`: a federation entity keyed by its
 * id (IdColumn, kit/columns.ts), so other subgraphs can reference it and add fields to it.
 */
export function StoredEntity({ table, type, description }: { table: string; type: string; description: string }): ClassDecorator {
  const decorators = [Entity(table), ObjectType(type, { description }), Directive('@key(fields: "id")')];
  return (target) => {
    for (const decorator of [...decorators].reverse()) decorator(target);
  };
}
