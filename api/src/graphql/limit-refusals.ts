// GraphQL Armor words every refusal as "Syntax Error: …" with no extensions.code, so a
// client could not tell "your query is too expensive" from a typo. Each limit gets its own
// code and a plain message saying what to do; development also says how far over it was,
// production names no numbers (SECURITY.md: limits not echoed; the README documents them).
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.js';
import { QUERY_LIMITS } from './limits.js';

interface LimitRefusal {
  code: string;
  /** Armor's wording when it exposes the limit (development); group 1 is what it found. */
  exposed: RegExp;
  /** The message without numbers; also what Armor is told to say in production. */
  plain: string;
  /** The development message, from what Armor found. */
  explain(found: string | undefined): string;
}

export const LIMIT_REFUSALS = {
  maxDepth: {
    code: 'QUERY_TOO_DEEP',
    exposed: /^Syntax Error: Query depth limit of \d+ exceeded, found (\d+)\.$/,
    plain: 'Query nests too deeply; select fewer levels or split it into several queries.',
    explain: (found) =>
      `Query depth ${found} exceeds the limit of ${QUERY_LIMITS.maxDepth}; select fewer levels or split it into several queries.`,
  },
  maxAliases: {
    code: 'TOO_MANY_ALIASES',
    exposed: /^Syntax Error: Aliases limit of \d+ exceeded, found (\d+)\.$/,
    plain: 'Query uses too many aliases; send fewer aliased fields per request.',
    explain: (found) =>
      `Query uses ${found} aliases, more than the limit of ${QUERY_LIMITS.maxAliases}; send fewer aliased fields per request.`,
  },
  maxDirectives: {
    code: 'TOO_MANY_DIRECTIVES',
    exposed: /^Syntax Error: Directives limit of \d+ exceeded, found (\d+)\.$/,
    plain: 'Query uses too many directives; send fewer directives per request.',
    explain: (found) =>
      `Query uses ${found} directives, more than the limit of ${QUERY_LIMITS.maxDirectives}; send fewer directives per request.`,
  },
  maxTokens: {
    code: 'QUERY_TOO_LONG',
    // Armor stops lexing at the limit, so it does not know how many tokens there were.
    exposed: /^Syntax Error: Token limit of \d+ exceeded\.()$/,
    plain: 'Query is too long; send a shorter query.',
    explain: () => `Query has more than the limit of ${QUERY_LIMITS.maxTokens} tokens; send a shorter query.`,
  },
  costLimit: {
    code: 'QUERY_TOO_COSTLY',
    // Armor's cost is a float (5.2e+24 for deep nesting); the message rounds it up.
    exposed: /^Syntax Error: Query Cost limit of \d+ exceeded, found (.+)\.$/,
    plain: 'Query costs too much; ask for fewer fields or smaller pages.',
    explain: (found) =>
      `Query cost ${Math.ceil(Number(found))} exceeds the limit of ${QUERY_LIMITS.maxCost}; ask for fewer fields or smaller pages.`,
  },
} as const satisfies Record<string, LimitRefusal>;

/** Rewrites Armor's refusals (either wording) into the plain message with its code. */
export function explainLimitRefusals(): Plugin<Context> {
  return {
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of single.errors ?? []) explain(error);
      }
    },
  };
}

function explain(error: GraphQLError): void {
  for (const refusal of Object.values(LIMIT_REFUSALS) as LimitRefusal[]) {
    const found = refusal.exposed.exec(error.message);
    const message = found
      ? refusal.explain(found[1])
      : error.message === `Syntax Error: ${refusal.plain}`
        ? refusal.plain
        : undefined;
    if (message === undefined) continue;
    error.message = message;
    // A fresh object: an error's extensions may be shared with its original error.
    Object.assign(error, { extensions: { ...error.extensions, code: refusal.code } });
    return;
  }
}
