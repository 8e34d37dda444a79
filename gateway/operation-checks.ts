import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

/**
 * Why a document cannot run as sent (HTTP 400 BAD_REQUEST saying what to send instead), or null:
 * it must say which operation to run, and that operation must be one this API serves.
 */
export function operationRefusal(
  document: DocumentNode,
  operationName: string | null | undefined,
  schema: GraphQLSchema,
): GraphQLError | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) {
    const names = operations.map((o) => (o.name ? `"${o.name.value}"` : 'an unnamed one')).join(', ');
    if (operationName) {
      return badRequest(`operationName "${operationName}" names none of the document's operations (${names}): send one of their names.`);
    }
    return badRequest(`The document has ${operations.length} operations (${names}): send operationName to say which one to run.`);
  }
  const served =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return served ? null : badRequest(`This API serves no ${operation.operation} operations: send a query or a mutation.`);
}

/**
 * The checks of operationRefusal before anything plans or executes the document: otherwise the
 * gateway's planners fail on it and the caller gets an internal error.
 */
export function operationChecks<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          const refusal = operationRefusal(document, request.operationName, schema);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
