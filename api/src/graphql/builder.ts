// The one SchemaBuilder. Plugin order matters: scope-auth runs first so nothing resolves
// before authorization has been decided.

import { getDatamodel, type PrismaTypes } from '@lupa/db';
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError, isObjectType } from 'graphql';
import { z } from 'zod';
import type { Context } from './context.js';
import { LupaValidationError, NotFoundError } from './errors-base.js';
import { DateTimeResolver } from './scalars.js';

export const MAX_PAGE_SIZE = 100;

export const NODE_NOT_FOUND = 'No such node';

/**
 * Per node type, whether this request may reach a node of it at all (resident-page.ts
 * registers the privacy plan's row scope for Resident). A node it may not reach answers
 * node(id) exactly as an unknown id does.
 */
export const NODE_VISIBILITY = new Map<string, (ctx: Context, ids: readonly string[]) => Promise<Set<string>>>();
export const DEFAULT_PAGE_SIZE = 25;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  AuthScopes: {
    /** Anyone, signed in or not: declared explicitly so no field is public by omission. */
    public: boolean;
    authenticated: boolean;
    service: boolean;
    officer: boolean;
    resident: boolean;
    /** An officer holding this `resource:action` scope. */
    scope: string;
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, context, _info) =>
      context.principal.kind === 'anonymous'
        ? new GraphQLError('Sign in or present an access token', { extensions: { code: 'UNAUTHENTICATED' } })
        : new ForbiddenError('This token does not allow that'),
    authScopes: (ctx) => ({
      public: true,
      authenticated: ctx.principal.kind !== 'anonymous',
      service: ctx.principal.kind === 'service',
      officer: ctx.principal.kind === 'officer',
      resident: ctx.principal.kind === 'resident',
      scope: (wanted: string) => ctx.principal.kind === 'officer' && ctx.principal.scopes.includes(wanted),
    }),
  },
  // Mutations return input validation failures as ValidationError data. Validation then
  // runs before authorization, so a caller without the scope learns only whether their own
  // input was well-formed — never anything about stored data.
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true },
  validation: {
    // Validation failures become LupaValidationError: a BAD_USER_INPUT error on queries and a
    // ValidationError result on mutations, listing every problem at once.
    validationError: (result) =>
      new LupaValidationError(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.'),
          message: issue.message,
        })),
      ),
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    // Ask for more than a page holds and be told so, rather than silently getting less.
    firstArgOptions: { validate: z.number().int().min(0).max(MAX_PAGE_SIZE) },
    lastArgOptions: { validate: z.number().int().min(0).max(MAX_PAGE_SIZE) },
    // node(id) and nodes(ids) reach every type; the types' own scopes and the privacy gate
    // still apply, and anonymous callers get nothing at all.
    // A malformed id is the caller's mistake: BAD_USER_INPUT, not an internal error.
    decodeGlobalID: (globalID) => {
      try {
        return decodeGlobalID(globalID);
      } catch {
        throw new LupaValidationError([{ path: 'id', message: 'is not a valid id' }]);
      }
    },
    nodeQueryOptions: {
      authScopes: { authenticated: true },
      // An id of an unknown type, of no such node, or of a node outside what this request may
      // reach (a resident outside the purpose's scope) all get the same NOT_FOUND answer.
      resolve: async (_root, args, ctx, info, resolveNode) => {
        const type = info.schema.getType(args.id.typename);
        const isNode = isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
        const visible = NODE_VISIBILITY.get(args.id.typename);
        if (!isNode || (visible && !(await visible(ctx, [args.id.id])).has(args.id.id))) {
          throw new NotFoundError(NODE_NOT_FOUND);
        }
        const node = await missingRowIsNotFound(() => resolveNode(args.id));
        if (node == null) throw new NotFoundError(NODE_NOT_FOUND);
        return node;
      },
    },
    nodesQueryOptions: {
      authScopes: { authenticated: true },
      // A node this request may not reach comes back null, like any unknown id. It is
      // dropped before loading, so it is never read at all.
      resolve: async (_root, args, ctx, _info, resolveNodes) => {
        const ids = [...(args.ids as ({ typename: string; id: string } | null)[])];
        for (const [typename, visible] of NODE_VISIBILITY) {
          const asked = ids.flatMap((id) => (id?.typename === typename ? [id.id] : []));
          if (asked.length === 0) continue;
          const reachable = await visible(ctx, asked);
          ids.forEach((id, i) => {
            if (id?.typename === typename && !reachable.has(id.id)) ids[i] = null;
          });
        }
        // The plugin's loader reads args.ids, whatever it is handed.
        (args as { ids: unknown }).ids = ids;
        return missingRowIsNotFound(() => resolveNodes(args.ids));
      },
    },
  },
});

/** Prisma's "no such row" (P2025) while loading a node is the caller's unknown id: NOT_FOUND. */
async function missingRowIsNotFound<T>(load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'P2025') throw new NotFoundError(NODE_NOT_FOUND);
    throw error;
  }
}

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({});
builder.mutationType({});

/** Refusals carry a stable code; the message never says more than the caller may know. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'Not allowed') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}
