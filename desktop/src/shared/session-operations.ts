// The officer-session mutations, shared by the browser transport and the Electron main
// process (which signs in on the renderer's behalf and keeps the tokens).

export const SIGN_IN_OFFICER = `mutation SignInOfficer($email: String!, $password: String!) {
  signInOfficer(email: $email, password: $password) {
    __typename
    ... on MutationSignInOfficerSuccess { data { accessToken refreshToken expiresIn } }
    ... on SignInFailed { reason message }
  }
}`;

export const REFRESH_OFFICER_SESSION = `mutation RefreshOfficerSession($refreshToken: String!) {
  refreshOfficerSession(refreshToken: $refreshToken) {
    __typename
    ... on MutationRefreshOfficerSessionSuccess { data { accessToken refreshToken expiresIn } }
    ... on SignInFailed { reason message }
  }
}`;

export const SIGN_OUT_OFFICER = 'mutation SignOutOfficer { signOutOfficer }';

export interface OfficerTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export type SessionAnswer =
  | { __typename: 'MutationSignInOfficerSuccess' | 'MutationRefreshOfficerSessionSuccess'; data: OfficerTokens }
  | { __typename: 'SignInFailed'; reason: string; message: string };

/** Reads a sign-in or refresh answer out of a GraphQL response body. */
export function sessionAnswerOf(body: unknown, field: 'signInOfficer' | 'refreshOfficerSession'): SessionAnswer | null {
  if (typeof body !== 'object' || body === null) return null;
  const data = (body as { data?: Record<string, unknown> | null }).data;
  const answer = data?.[field];
  if (typeof answer !== 'object' || answer === null) return null;
  return answer as SessionAnswer;
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
