// Typed GraphQL operations. The documents live in schema/operations/*.graphql, shared with
// the tests; GraphQL Code Generator turns them into typed strings under generated/ (not
// committed, made by `pnpm generate` and `pnpm typecheck`), so a result or variable type
// here can never drift from schema/schema.graphql. No transport here, so tests can load them.
import type { TypedDocumentString } from './generated/graphql.js';

export type Operation<TData, TVariables> = TypedDocumentString<TData, TVariables>;

/** A mutation answer: a *Success member with data, or an error member the officer can act on. */
export interface MutationErrorFields {
  __typename: string;
  message?: string;
  code?: string;
  reason?: string;
  issues?: { path: string; message: string }[];
}

/** The data of a mutation's success member. */
export type SuccessData<R> = R extends { data: infer D } ? D : never;

/** The items of a connection's edges. */
export type NodeOf<C> = C extends { edges: readonly (infer E)[] } ? (E extends { node: infer N } ? N : never) : never;

/** Every member of a string union, listed once at run time; a missing or extra member is a type error. */
export function allOf<T extends string>() {
  return <const L extends readonly T[]>(...members: L & ([T] extends [L[number]] ? unknown : never)): readonly T[] =>
    members;
}
