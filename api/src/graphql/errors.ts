// GraphQL types for the failures in errors-base.ts.
import type { GraphQLError } from 'graphql';
import { builder } from './builder.js';
import { ConflictError, type FieldIssue, LupaValidationError, NotFoundError } from './errors-base.js';
import { PrivacyDeniedError } from './privacy-errors.js';

export { ConflictError, LupaValidationError, NotFoundError } from './errors-base.js';

const ErrorInterface = builder.interfaceRef<GraphQLError>('Error').implement({
  description: 'A failure the caller can act on.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.string({ resolve: (e) => String(e.extensions.code ?? 'ERROR') }),
  }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  fields: (t) => ({ path: t.exposeString('path'), message: t.exposeString('message') }),
});

builder.objectType(LupaValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof LupaValidationError,
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ConflictError,
  fields: (t) => ({
    reason: t.exposeString('reason'),
    findings: t.stringList({
      description:
        'For a refusal by the legal-basis linter (LINT_ERRORS, WARNINGS_NOT_ACKNOWLEDGED): the finding codes.',
      resolve: (e) => (Array.isArray(e.extensions.findings) ? e.extensions.findings.map(String) : []),
    }),
  }),
});

/** The errors every mutation may return as data. */
export const MUTATION_ERRORS = [LupaValidationError, NotFoundError, ConflictError];

builder.objectType(PrivacyDeniedError, {
  name: 'PrivacyDenied',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof PrivacyDeniedError,
  fields: (t) => ({ reason: t.string({ resolve: (e) => e.reason }) }),
});
