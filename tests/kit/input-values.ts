import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLEnumType,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLScalarType,
} from 'graphql';

/** A value for an argument or input field, made from the schema; `{ enum }` marks an enum value (printed bare). */
export type InputValue = string | number | boolean | null | { enum: string } | InputValue[] | { [field: string]: InputValue };

/** What the schema leaves open, each asked with the path from the argument (`['input', 'customerId']`). */
export interface InputChoices {
  /** A value to give at the path instead of making one (undefined: make one). */
  fixed?(path: string[]): InputValue | undefined;
  /** Whether an optional input field is given (required ones always are). */
  optional(field: GraphQLInputField, path: string[]): boolean;
  enumValue(type: GraphQLEnumType, path: string[]): string;
  scalar(type: GraphQLScalarType, path: string[]): InputValue;
}

/** A value of `type` at `path`: a list of one, an input object with its required fields and the optional ones chosen. */
export function inputValue(type: GraphQLInputType, choices: InputChoices, path: string[]): InputValue {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [inputValue(inner.ofType, choices, path)];
  const fixed = choices.fixed?.(path);
  if (fixed !== undefined) return fixed;
  if (isInputObjectType(inner)) {
    const value: Record<string, InputValue> = {};
    for (const field of Object.values(inner.getFields())) {
      const at = [...path, field.name];
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || choices.optional(field, at)) value[field.name] = inputValue(field.type, choices, at);
    }
    return value;
  }
  if (isEnumType(inner)) return { enum: choices.enumValue(inner, path) };
  if (!isScalarType(inner)) throw new Error(`no value for ${String(inner)}`);
  return choices.scalar(inner, path);
}

/** The value as GraphQL text, for an operation's arguments. */
export function printInputValue(value: InputValue): string {
  if (Array.isArray(value)) return `[${value.map(printInputValue).join(', ')}]`;
  if (value && typeof value === 'object' && 'enum' in value) return (value as { enum: string }).enum;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([key, field]) => `${key}: ${printInputValue(field)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}
