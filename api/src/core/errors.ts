// Domain errors: failures a caller can act on. Each carries a stable `code` in `extensions` (queries) and,
// on mutations, is returned as data through the errors plugin so a client can branch on
// the type instead of parsing messages. No builder import here: the builder needs these.
import { GraphQLError } from 'graphql';

export interface FieldIssue {
  path: string;
  message: string;
}

export class LupaValidationError extends GraphQLError {
  constructor(
    readonly issues: FieldIssue[],
    message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') || 'Invalid input',
  ) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', issues } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'NOT_FOUND' } });
  }
}

/** The request conflicts with the current state: a taken slug, an immutable version, … */
export class ConflictError extends GraphQLError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message, { extensions: { code: 'CONFLICT', reason } });
  }
}
