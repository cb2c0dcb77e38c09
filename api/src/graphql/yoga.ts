// The configured GraphQL server. Hardening per SECURITY.md: explicit limits, no field
// suggestions, CSRF prevention, no batching, masked errors outside development, and
// mutations over GET refused (graphql-yoga answers 405).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, type ValidationRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Context } from './context.js';
import { explainLimitRefusals, LIMIT_REFUSALS } from './limit-refusals.js';
import { QUERY_LIMITS } from './limits.js';
import { schema } from './schema.js';

export function createLupaYoga(options: {
  isDevelopment: boolean;
  graphiql: boolean;
  introspection: boolean;
  /** Origins whose pages may call /graphql from a browser; none by default (LUPA_CORS_ORIGINS). */
  corsOrigins?: readonly string[];
  buildContext: (request: Request) => Promise<Context>;
  plugins?: Plugin<Context>[];
}): YogaServerInstance<Record<string, never>, Context> {
  // Limits are named in error messages only in development (not echoed in production).
  const refusal = (limit: keyof typeof LIMIT_REFUSALS) => ({
    propagateOnRejection: true,
    exposeLimits: options.isDevelopment,
    errorMessage: LIMIT_REFUSALS[limit].plain,
  });
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql,
    batching: false,
    landingPage: false,
    logging: false,
    // yoga's default reflects any Origin with credentials; only configured origins get CORS
    // headers, everyone else none at all (the browser then keeps the answer from the page).
    cors: (request) => {
      const origin = request.headers.get('origin');
      if (!origin || !options.corsOrigins?.includes(origin)) return false;
      return {
        origin: [origin],
        credentials: true,
        methods: ['GET', 'POST'],
        allowedHeaders: ['authorization', 'content-type', 'x-graphql-yoga-csrf', 'graphql-preflight'],
      };
    },
    maskedErrors: { isDev: options.isDevelopment },
    context: ({ request }) => options.buildContext(request),
    plugins: [
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'graphql-preflight'] }),
      EnvelopArmorPlugin({
        maxDepth: { n: QUERY_LIMITS.maxDepth, ...refusal('maxDepth') },
        maxAliases: { n: QUERY_LIMITS.maxAliases, ...refusal('maxAliases') },
        maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...refusal('maxDirectives') },
        maxTokens: { n: QUERY_LIMITS.maxTokens, ...refusal('maxTokens') },
        costLimit: {
          maxCost: QUERY_LIMITS.maxCost,
          objectCost: QUERY_LIMITS.objectCost,
          scalarCost: QUERY_LIMITS.scalarCost,
          depthCostFactor: QUERY_LIMITS.depthCostFactor,
          ...refusal('costLimit'),
        },
        blockFieldSuggestion: { enabled: true },
      }),
      hideSuggestions(),
      explainLimitRefusals(),
      codeEveryError(),
      ...(options.isDevelopment ? [] : [hideOriginalErrors()]),
      ...(options.introspection ? [] : [disableIntrospection()]),
      ...(options.plugins ?? []),
    ],
  });
}

/**
 * Armor's blockFieldSuggestion rewrites only `Did you mean "x"?` in validation errors, but
 * graphql-js also suggests enum values (`Did you mean the enum value "X"?`) and, while
 * coercing variables during execution, input fields. Either would let a caller map the
 * schema with introspection off, so every outgoing error loses its suggestion.
 */
function hideSuggestions(): Plugin<Context> {
  return {
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result) return; // no streamed results: no subscriptions or @defer
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of single.errors ?? [])
          error.message = error.message.replace(SUGGESTION, '[Suggestion hidden]');
      }
    },
  };
}
const SUGGESTION = /Did you mean [^?]*\?/g;

/**
 * Every error a caller sees carries `extensions.code` (STYLE.md). GraphQL Armor's refusals
 * (now coded by limit-refusals.ts), graphql-js's variable coercion errors, the CSRF
 * refusal and Pothos' pagination argument checks (`before` with `first`, …) came without
 * one, so a client could not tell a refused request from a bug. Found by the abuse and fuzz
 * suites (tests/integration/abuse, tests/integration/fuzz); this fills in the code only.
 */
function codeEveryError(): Plugin<Context> {
  return {
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        const refusedBeforeExecution = single.data === undefined;
        for (const error of single.errors ?? []) {
          if (error.extensions?.code !== undefined) continue;
          const code = codeFor(error, refusedBeforeExecution);
          // A fresh object: an error's extensions may be shared with its original error.
          Object.assign(error, { extensions: { ...error.extensions, code } });
        }
      }
    },
  };
}

function codeFor(error: GraphQLError, refusedBeforeExecution: boolean): string {
  if (VARIABLE_ERROR.test(error.message)) return 'BAD_USER_INPUT';
  if (error.message === CSRF_REFUSAL) return 'CSRF_HEADER_MISSING';
  if (error.name === 'PothosValidationError' || error.originalError?.name === 'PothosValidationError')
    return 'BAD_USER_INPUT';
  // Anything else that reached execution without a code is a failure Lupa did not expect
  // (resolvers throw coded errors for everything they mean): say so rather than say nothing.
  return refusedBeforeExecution ? 'GRAPHQL_VALIDATION_FAILED' : 'INTERNAL_SERVER_ERROR';
}
const VARIABLE_ERROR = /^Variable "\$/;
/** useCSRFPrevention's refusal (403), otherwise indistinguishable from a validation error. */
const CSRF_REFUSAL = 'Required CSRF header(s) not present';

/**
 * maskedErrors covers errors from resolvers, but yoga's own refusals of the request (a body
 * that is not JSON, …) carry the underlying error in extensions.originalError, and a JSON
 * parser's message quotes the body back. Outside development only the generic message and
 * the code leave.
 */
function hideOriginalErrors(): Plugin<Context> {
  return {
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of single.errors ?? []) {
          // Kept but not serialised: yoga answers 400 rather than 200 only while the
          // original (non-GraphQL) error is there to see.
          if (error.extensions?.originalError !== undefined)
            Object.defineProperty(error.extensions, 'originalError', { enumerable: false });
        }
      }
    },
  };
}

/** Refuses __schema and __type outside development unless an operator turned them on. */
function disableIntrospection() {
  return {
    onValidate({ addValidationRule }: { addValidationRule: (rule: ValidationRule) => void }) {
      addValidationRule(NoIntrospection);
    },
  };
}

const NoIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError('Introspection is disabled; use schema/schema.graphql from the Lupa repository.', {
          nodes: [node],
          extensions: { code: 'INTROSPECTION_DISABLED' },
        }),
      );
    }
  },
});
