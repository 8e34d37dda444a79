import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
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
          if (readsWholeChannel(contextValue.identity.role)) return;
          // Only partner callers pay for this walk over the document.
          if (validate(schema, document, [NoSchemaIntrospectionCustomRule]).length === 0) return;
          throw new GraphQLError(
            `The schema (introspection: __schema, __type) is open to ${WHOLE_CHANNEL_ROLES.join(' and ')} callers, not to ${contextValue.identity.role}. ` +
              'Partner tools send the documented operations of the client kit (client/persisted-queries.json).',
            { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
          );
        },
      };
    },
  };
}
