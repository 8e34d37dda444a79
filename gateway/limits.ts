import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { RequestLimits } from '../common/config';

/**
 * The code of each refusal. Limits checked on the parsed operation answer HTTP 400; the body
 * limit (common/http.ts) answers 413 PAYLOAD_TOO_LARGE.
 */
const LIMIT_CODES = {
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  rootFields: 'ROOT_FIELD_LIMIT_EXCEEDED',
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  directives: 'DIRECTIVE_LIMIT_EXCEEDED',
} as const;

const LIMIT_CODE_VALUES = new Set<string>(Object.values(LIMIT_CODES));

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** graphql-js's own token limit message ("more that" is its spelling). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th[ae][nt] \d+ tokens/;
/** "Did you mean …?" hints name fields, arguments, types and enum values the caller did not know. */
const SUGGESTION = /\s*Did you mean .+?\?(?=\s|$)/gs;

/**
 * graphql-armor reports a refusal by calling `onReject`: report it as a validation error that
 * carries the limit's own code (Apollo answers 400 GRAPHQL_VALIDATION_FAILED; formatError
 * below swaps in this code), with armor's message minus its misleading "Syntax Error: " prefix.
 */
function rejectWith(code: string) {
  return {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code, http: { status: 400 } } }),
        ),
    ],
  };
}

/**
 * Fields at the root of each operation: distinct response keys (a field asked twice under one
 * name runs once), through inline fragments and fragment spreads, `__typename` not counted.
 */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => {
    const collect = (selectionSet: SelectionSetNode, keys: Set<string>, seenFragments: Set<string>): Set<string> => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value !== '__typename') keys.add((selection.alias ?? selection.name).value);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          collect(selection.selectionSet, keys, seenFragments);
        } else if (!seenFragments.has(selection.name.value)) {
          seenFragments.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          if (fragment) collect(fragment.selectionSet, keys, seenFragments);
        }
      }
      return keys;
    };
    return {
      OperationDefinition(operation) {
        const found = collect(operation.selectionSet, new Set(), new Set()).size;
        if (found > max) {
          context.reportError(
            new GraphQLError(`Root fields limit of ${max} exceeded, found ${found}.`, {
              nodes: [operation],
              extensions: { code: LIMIT_CODES.rootFields, http: { status: 400 } },
            }),
          );
        }
      },
    };
  };
}

/** The parser's token-limit error as the gateway reports it (for a server that parses without Apollo's formatError: Hive Gateway). */
export function tokenLimitRefusal(error: unknown, maxTokens: number): GraphQLError | null {
  if (!(error instanceof GraphQLError) || !TOKEN_LIMIT_MESSAGE.test(error.message)) return null;
  return new GraphQLError(`Token limit of ${maxTokens} exceeded.`, { extensions: { code: LIMIT_CODES.tokens, http: { status: 400 } } });
}

/**
 * Everything the gateway does against hostile queries, for Apollo Server: graphql-armor's depth,
 * alias and directive rules plus a root-field rule as validation rules (cost is demand control from
 * the supergraph, gateway/demand-control.ts, which needs the variables), graphql-js's token
 * limit in the parser, no batched requests, CSRF prevention, and (production) no suggestions.
 * The body size limit is `limits.maxBodyBytes`, applied by common/http.ts.
 */
export function gatewayLimits(limits: RequestLimits, options: { production: boolean }) {
  const apollo = {
    validationRules: [
      maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...rejectWith(LIMIT_CODES.depth) }),
      maxAliasesRule({ n: limits.maxAliases, ...rejectWith(LIMIT_CODES.aliases) }),
      maxRootFieldsRule(limits.maxRootFields),
      maxDirectivesRule({ n: limits.maxDirectives, ...rejectWith(LIMIT_CODES.directives) }),
    ],
    // graphql-armor's max-tokens plugin for Apollo throws from a plugin hook (HTTP 500); graphql-js
    // counts tokens in the parser itself, so a long document is refused before it is fully read.
    parseOptions: { maxLexicalTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: options.production,
  } satisfies Partial<ApolloServerOptions<BaseContext>>;

  /** Wraps the gateway's formatError: limit refusals get their own code; production hides suggestions. */
  const formatError =
    (inner: FormatError): FormatError =>
    (formatted, error) => {
      let result = inner(formatted, error);
      const original = error instanceof GraphQLError ? error.originalError : undefined;
      const reported = original instanceof GraphQLError ? original.extensions?.code : undefined;
      if (result.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && typeof reported === 'string' && LIMIT_CODE_VALUES.has(reported)) {
        result = { ...result, extensions: { ...result.extensions, code: reported } };
      } else if (result.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(result.message)) {
        result = {
          ...result,
          message: `Token limit of ${limits.maxTokens} exceeded.`,
          extensions: { ...result.extensions, code: LIMIT_CODES.tokens },
        };
      }
      if (options.production) {
        const message = result.message.replace(SUGGESTION, '');
        if (message !== result.message) result = { ...result, message };
      }
      return result;
    };

  return { apollo, formatError, bodyLimit: limits.maxBodyBytes };
}
