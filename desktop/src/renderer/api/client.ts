// Runs typed operations (operation.ts, generated from schema/operations) through the transport and turns GraphQL errors and
// mutation error members into one RequestFailed the views can show.
import type { GraphqlError } from '../../shared/bridge.js';
import { reportSessionExpired } from '../session.js';
import type { MutationErrorFields, Operation, SuccessData } from './operation.js';
import { transport } from './transport.js';

export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function runOperation<TData, TVariables>(
  op: Operation<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  let answer: Awaited<ReturnType<typeof transport.graphql>>;
  try {
    answer = await transport.graphql({ query: op.toString(), variables: variables as Record<string, unknown> });
  } catch {
    throw new RequestFailed('The server did not answer.', 'UNREACHABLE');
  }
  const first: GraphqlError | undefined = answer.body.errors?.[0];
  if (answer.status === 401) {
    reportSessionExpired();
    throw new RequestFailed(first?.message ?? 'Not signed in', 'UNAUTHENTICATED');
  }
  if (first || !answer.body.data) {
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'ERROR';
    throw new RequestFailed(first?.message ?? 'The server gave no data.', code);
  }
  return answer.body.data as TData;
}

export function unwrap<R extends { __typename: string }>(result: R): SuccessData<R> {
  if ('data' in result) return result.data as SuccessData<R>;
  const error = result as MutationErrorFields;
  throw new RequestFailed(
    error.message ?? error.__typename,
    error.code ?? error.reason ?? error.__typename,
    error.issues ?? [],
  );
}

export type { NodeOf, Operation } from './operation.js';
