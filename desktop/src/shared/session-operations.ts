// The officer-session mutations, shared by the browser transport and the Electron main
// process (which signs in on the renderer's behalf and keeps the tokens). The documents are
// schema/operations/session.graphql, generated into typed strings like every other
// operation, so a schema change that breaks sign-in fails the typecheck.
import {
  RefreshOfficerSessionDocument,
  type RefreshOfficerSessionMutation,
  type RefreshOfficerSessionMutationVariables,
  SignInOfficerDocument,
  type SignInOfficerMutation,
  type SignInOfficerMutationVariables,
  SignOutOfficerDocument,
} from '../renderer/api/generated/graphql.js';

/** A GraphQL request body, ready for JSON.stringify. */
export interface SessionRequest {
  query: string;
  variables: Record<string, unknown>;
}

export function signInRequest(variables: SignInOfficerMutationVariables): SessionRequest {
  return { query: SignInOfficerDocument.toString(), variables };
}

export function refreshRequest(variables: RefreshOfficerSessionMutationVariables): SessionRequest {
  return { query: RefreshOfficerSessionDocument.toString(), variables };
}

export function signOutRequest(): SessionRequest {
  return { query: SignOutOfficerDocument.toString(), variables: {} };
}

interface SessionAnswers {
  signInOfficer: SignInOfficerMutation['signInOfficer'];
  refreshOfficerSession: RefreshOfficerSessionMutation['refreshOfficerSession'];
}

export type SessionAnswer = SessionAnswers[keyof SessionAnswers];

export type OfficerTokens = Extract<SessionAnswer, { data: unknown }>['data'];

/** Reads a sign-in or refresh answer out of a GraphQL response body. */
export function sessionAnswerOf<F extends keyof SessionAnswers>(body: unknown, field: F): SessionAnswers[F] | null {
  if (typeof body !== 'object' || body === null) return null;
  const data = (body as { data?: Record<string, unknown> | null }).data;
  const answer = data?.[field];
  if (typeof answer !== 'object' || answer === null) return null;
  return answer as SessionAnswers[F];
}

/**
 * Hosts where plain http never leaves the machine. Anywhere else the officer's password and
 * tokens would cross the network readable, so the app requires https there.
 */
const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** True for an http: origin on a host other than loopback: the app refuses those. */
export function isInsecureServer(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname);
}

/**
 * The server's origin from what an officer typed, or null if it is not an http(s) URL.
 * Without a scheme, https is meant, except on loopback where a development server is http.
 */
export function normaliseServerAddress(input: string): string | null {
  const trimmed = input.trim();
  try {
    const hasScheme = /^[a-z]+:\/\//i.test(trimmed);
    let url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
    if (!hasScheme && isInsecureServer(url.origin)) url = new URL(`https://${trimmed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}
