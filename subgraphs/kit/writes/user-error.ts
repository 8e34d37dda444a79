import { Directive, Field, ObjectType } from 'type-graphql';
import { graphqlEnum, type EnumValue } from '../graphql-enum';

export const UserErrorCode = graphqlEnum({
  name: 'UserErrorCode',
  description: 'Why a change was refused; nothing was written.',
  values: {
    BAD_USER_INPUT: 'An input value is malformed, out of range or inconsistent with another (e.g. endsOn before startsOn).',
    NOT_FOUND: 'A record the input names does not exist, or the caller may not see it: both are answered alike.',
    RULE_VIOLATION: "The change breaks a channel rule in the records' current state, e.g. more cores than are available.",
    CONFLICT: 'The change clashes with an existing record: an id or name already used, an agreement or membership already in force.',
    IDEMPOTENCY_KEY_REUSED: 'The idempotency key was already used by this caller for another request (another mutation or input).',
  },
});
export type UserErrorCode = EnumValue<typeof UserErrorCode>;

/** An expected refusal of a mutation, returned in its payload (not as a GraphQL error). */
@ObjectType('UserError')
@Directive('@shareable')
export class UserError {
  @Field(() => UserErrorCode)
  code!: UserErrorCode;

  @Field()
  message!: string;

  @Field(() => [String], { description: 'Path of the input field at fault, e.g. ["input", "cores"].' })
  field!: string[];
}

/** Thrown inside a write to roll it back and report a UserError. */
export class Refusal extends Error {
  override name = 'Refusal';

  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[],
  ) {
    super(message);
  }

  toUserError(): UserError {
    return { code: this.code, message: this.message, field: this.field };
  }
}

export function refuse(code: UserErrorCode, field: string, message: string): Refusal {
  return new Refusal(code, message, ['input', field]);
}

/** Runs a change; an expected refusal becomes the payload's errors, anything else stays an error (masked to clients). */
export async function refusalsAsErrors<TPayload extends { errors: UserError[] }>(
  work: () => Promise<TPayload>,
  refused: (errors: UserError[]) => TPayload,
): Promise<TPayload> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return refused([error.toUserError()]);
    throw error;
  }
}
