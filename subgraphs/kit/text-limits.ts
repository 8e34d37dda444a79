import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badUserInput } from './errors';
import { refuse, UserErrorCode } from './writes/user-error';

/**
 * The documented maximum length of every String and ID argument and input field (README, "Hostile
 * queries"): longer is BAD_USER_INPUT naming the argument, its length and the limit, before any
 * resolver reads the store (a 50,000-character search must not reach SQL, where it failed as an
 * internal error). Named free text has its own limit (write fields match their columns' widths);
 * every other ID has ID_MAX_LENGTH, every other String STRING_MAX_LENGTH. `stateTextLimits` writes
 * each limit into the schema's descriptions and `enforceTextLimits` applies it, both from
 * `textLimitOf`, so the schema says exactly what is enforced.
 */
export const TEXT_LIMITS = {
  /** `partners` and `customers` `filter.nameContains`. */
  nameContains: 200,
  /** Partner and customer names (checkedName). */
  name: 200,
  website: 300,
  alternativeVendor: 100,
  /** A membership decision's reason. */
  reason: 500,
  idempotencyKey: 100,
  /** A connection's cursor: its sort values as JSON in base64url (a 200-character name and an id fit). */
  after: 1000,
} as const;

/**
 * Ids are short (`ptn-000123`) and stored in 36-character columns (the bulk import refuses longer
 * ones), so a longer id matches nothing; 64 refuses what is plainly not an id before any lookup.
 */
export const ID_MAX_LENGTH = 64;
/** Any other String: codes, countries, cursors, audit filters, timestamps. */
export const STRING_MAX_LENGTH = 200;

/** The maximum length of a String or ID argument or input field by its name and type; null for other types. */
export function textLimitOf(name: string, type: GraphQLInputType): number | null {
  const named = getNamedType(type);
  if (named.name !== 'String' && named.name !== 'ID') return null;
  if (name in TEXT_LIMITS) return TEXT_LIMITS[name as keyof typeof TEXT_LIMITS];
  return named.name === 'ID' ? ID_MAX_LENGTH : STRING_MAX_LENGTH;
}

function tooLong(argument: string, length: number, limit: number): string {
  return `${argument} has ${length} characters; it may have at most ${limit}: send a shorter value.`;
}

/** A write's text field, or a BAD_USER_INPUT refusal at `input.<field>` (nothing written). */
export function writeText<T extends string | null | undefined>(value: T, field: string, limit: number): T {
  if (typeof value === 'string' && value.length > limit)
    throw refuse(UserErrorCode.BAD_USER_INPUT, field, tooLong(field, value.length, limit));
  return value;
}

const limitSentence = (limit: number) => `At most ${limit} characters.`;

/** Appends "At most N characters." to the description of every String and ID argument and input field. */
export function stateTextLimits(schema: GraphQLSchema): void {
  const state = (item: GraphQLArgument | GraphQLInputField) => {
    const limit = textLimitOf(item.name, item.type);
    if (limit === null) return;
    const sentence = limitSentence(limit);
    if (item.description?.includes(sentence)) return;
    item.description = item.description ? `${item.description.trimEnd()} ${sentence}` : sentence;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) Object.values(type.getFields()).forEach(state);
    if (isObjectType(type)) for (const field of Object.values(type.getFields())) field.args.forEach(state);
  }
}

/** The first over-long String or ID in a value of this type: its path (`input.name`), length and limit. */
function overLong(
  value: unknown,
  type: GraphQLInputType,
  name: string,
  path: string,
): { path: string; length: number; limit: number } | null {
  if (value === null || value === undefined) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    for (const item of value as unknown[]) {
      const found = overLong(item, inner.ofType, name, path);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(inner)) {
    for (const field of Object.values(inner.getFields())) {
      const found = overLong((value as Record<string, unknown>)[field.name], field.type, field.name, `${path}.${field.name}`);
      if (found) return found;
    }
    return null;
  }
  const limit = isScalarType(inner) ? textLimitOf(name, inner) : null;
  return limit !== null && typeof value === 'string' && value.length > limit ? { path, length: value.length, limit } : null;
}

/**
 * Wraps every field that takes arguments: an over-long String or ID refuses the field before its
 * resolver runs. A mutation with a payload (`errors: [UserError]`) answers the refusal there, at
 * the input field (`["input", "name"]`), as its other refusals; anything else is a BAD_USER_INPUT
 * error naming the argument (`filter.nameContains`).
 */
export function enforceTextLimits(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((arg) => hasText(arg.type, arg.name))) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const returned = getNamedType(field.type);
      const payload = type === mutation && isObjectType(returned) && returned.getFields().errors !== undefined;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        for (const arg of field.args) {
          const found = overLong(args[arg.name], arg.type, arg.name, arg.name);
          if (!found) continue;
          if (payload) {
            const inputPath = found.path.split('.');
            return {
              errors: [
                { code: UserErrorCode.BAD_USER_INPUT, message: tooLong(inputPath.at(-1)!, found.length, found.limit), field: inputPath },
              ],
            };
          }
          throw badUserInput(tooLong(found.path, found.length, found.limit), found.path);
        }
        return resolve(source, args, context, info);
      };
    }
  }
}

/** Whether a value of this type can hold a String or ID anywhere (input objects followed once). */
function hasText(type: GraphQLInputType, name: string, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((field) => hasText(field.type, field.name, seen));
  }
  return textLimitOf(name, type) !== null;
}
