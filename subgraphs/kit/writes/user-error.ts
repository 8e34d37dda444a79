import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  RULE_VIOLATION = 'RULE_VIOLATION',
  CONFLICT = 'CONFLICT',
  /** The idempotency key was already used by this caller for another request (another mutation or input). */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a change was refused; nothing was written.' });

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
