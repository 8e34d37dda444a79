import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readsWholeChannel, WHOLE_CHANNEL_ROLES, type Identity } from '../common/identity';

/**
 * Introspection (`__schema`, `__type`) answers VENDOR and ANALYST callers only, in every
 * environment: the query IDE (/ide) and Apollo Sandbox run on it. Partner roles, whose tools send
 * documented operations (client/), get HTTP 403 FORBIDDEN for any operation that asks for the
 * schema; callers without credentials never reach this far (401). `__typename` is not introspection.
 */
export function introspectionForWholeChannelRoles<TContext extends { identity: Identity }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, schema }) {
          const refusal = introspectionRefusal(contextValue.identity, document, schema);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** The refusal of introspectionForWholeChannelRoles for this caller and document, or null (also for Hive Gateway's runner). */
export function introspectionRefusal(identity: Identity, document: DocumentNode, schema: GraphQLSchema): GraphQLError | null {
  if (readsWholeChannel(identity.role)) return null;
  // Only partner callers pay for this walk over the document.
  if (validate(schema, document, [NoSchemaIntrospectionCustomRule]).length === 0) return null;
  return new GraphQLError(
    `The schema (introspection: __schema, __type) is open to ${WHOLE_CHANNEL_ROLES.join(' and ')} callers, not to ${identity.role}. ` +
      'Partner tools send the documented operations of the client kit (client/persisted-queries.json).',
    { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
  );
}
