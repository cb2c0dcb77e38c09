// The one SchemaBuilder. Plugin order matters: scope-auth runs first so nothing resolves
// before authorization has been decided.

import { getDatamodel, type PrismaTypes } from '@lupa/db';
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Context } from './context.js';
import { LupaValidationError } from './errors-base.js';
import { DateTimeResolver } from './scalars.js';

export const MAX_PAGE_SIZE = 100;
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
    nodeQueryOptions: { authScopes: { authenticated: true } },
    nodesQueryOptions: { authScopes: { authenticated: true } },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({});
builder.mutationType({});

/** Refusals carry a stable code; the message never says more than the caller may know. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'Not allowed') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}
