// A provider-agnostic OpenID Connect authorization-code client with PKCE (S256), state and
// nonce. The transaction (state, nonce, verifier) travels in a short-lived HttpOnly cookie
// rather than server memory, so any API process can finish a sign-in another one began.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { OidcRuntime } from './settings.js';

export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class OidcError extends Error {}

function random(): string {
  return randomBytes(32).toString('base64url');
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createAuthorizationRequest(runtime: OidcRuntime): { url: string; transaction: OidcTransaction } {
  const transaction = { state: random(), nonce: random(), codeVerifier: random() };
  const { settings } = runtime;
  const url = new URL(settings.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scopes.join(' '),
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: pkceChallenge(transaction.codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), transaction };
}

export function encodeTransaction(transaction: OidcTransaction): string {
  return Buffer.from(JSON.stringify(transaction), 'utf8').toString('base64url');
}

export function decodeTransaction(value: string | undefined): OidcTransaction | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { state, nonce, codeVerifier } = parsed as Record<string, unknown>;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string') return null;
    return { state, nonce, codeVerifier };
  } catch {
    return null;
  }
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Finishes the callback: the returned state must match the cookie's (login CSRF), the code
 * is exchanged with the PKCE verifier, and the ID token must be signed by the provider, for
 * us, unexpired, and carry our nonce (replay). Returns the identity claim's value.
 */
export async function completeAuthorization(
  runtime: OidcRuntime,
  transaction: OidcTransaction | null,
  callback: URLSearchParams,
  now: Date,
): Promise<string> {
  const { settings } = runtime;
  const state = callback.get('state');
  const code = callback.get('code');
  if (!transaction || !state || !sameString(state, transaction.state)) throw new OidcError('state mismatch');
  if (!code) throw new OidcError(`no code: ${callback.get('error') ?? 'unknown'}`);
  const response = await runtime.fetchToken(
    new Request(settings.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: settings.redirectUri,
        client_id: settings.clientId,
        code_verifier: transaction.codeVerifier,
      }).toString(),
    }),
  );
  if (!response.ok) throw new OidcError(`token endpoint answered ${response.status}`);
  const body = (await response.json()) as { id_token?: unknown };
  if (typeof body.id_token !== 'string') throw new OidcError('no id_token');
  const { payload } = await jwtVerify(body.id_token, runtime.jwks, {
    issuer: settings.issuer,
    audience: settings.clientId,
    algorithms: settings.algorithms,
    clockTolerance: 30,
    currentDate: now,
  });
  if (typeof payload.nonce !== 'string' || !sameString(payload.nonce, transaction.nonce)) {
    throw new OidcError('nonce mismatch');
  }
  const identity = payload[settings.identityClaim];
  if (typeof identity !== 'string') throw new OidcError('no identity claim');
  return identity;
}
