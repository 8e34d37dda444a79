import { GraphQLError } from 'graphql';

export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}) } });
}

export function notFound(entity: string, id: string): GraphQLError {
  return new GraphQLError(`${entity} "${id}" was not found`, { extensions: { code: 'NOT_FOUND', entity, id } });
}
