import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

/**
 * A document must say which operation to run, and that operation must be one this API serves,
 * before anything plans or executes it: otherwise the gateway's planners fail on it and the
 * caller gets an internal error. Each refusal is HTTP 400 BAD_REQUEST saying what to send instead.
 */
export function operationChecks<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
          if (!operation) {
            const names = operations.map((o) => (o.name ? `"${o.name.value}"` : 'an unnamed one')).join(', ');
            if (request.operationName) {
              throw badRequest(
                `operationName "${request.operationName}" names none of the document's operations (${names}): send one of their names.`,
              );
            }
            throw badRequest(`The document has ${operations.length} operations (${names}): send operationName to say which one to run.`);
          }
          const served =
            operation.operation === OperationTypeNode.QUERY
              ? schema.getQueryType()
              : operation.operation === OperationTypeNode.MUTATION
                ? schema.getMutationType()
                : schema.getSubscriptionType();
          if (!served) {
            throw badRequest(`This API serves no ${operation.operation} operations: send a query or a mutation.`);
          }
        },
      };
    },
  };
}
