// Typed GraphQL operations. Documents are written by hand next to their result types;
// tests/unit/desktop validates every document against schema/schema.graphql, so a renamed
// field fails a test, not an officer. No transport here, so tests can load the documents.
export interface Operation<TData, TVariables> {
  readonly document: string;
  /** Carries the types only; never set. */
  readonly types?: { data: TData; variables: TVariables };
}

export type NoVariables = Record<string, never>;

export function operation<TData, TVariables = NoVariables>(document: string): Operation<TData, TVariables> {
  return { document };
}

/** Mutation results are unions: a *Success with data, or an error the officer can act on. */
export type MutationResult<T> =
  | { __typename: `${string}Success`; data: T }
  | {
      __typename: string;
      message: string;
      code?: string;
      reason?: string;
      issues?: { path: string; message: string }[];
    };

/** The fragment every mutation selects for its error members. */
export const MUTATION_ERRORS = `
  __typename
  ... on Error { code message }
  ... on ConflictError { reason }
  ... on ValidationError { issues { path message } }`;
