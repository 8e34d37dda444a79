import { Field } from 'type-graphql';

/**
 * The `idempotencyKey` field of a creating mutation's input (subgraphs/kit/writes/writer.ts,
 * runOnce); `doing` says what a retry does not do twice, e.g. `creating`.
 */
export function IdempotencyKeyField(doing: string): PropertyDecorator {
  return Field(() => String, {
    nullable: true,
    description: `Retrying with the same key returns the first result instead of ${doing} twice.`,
  });
}
