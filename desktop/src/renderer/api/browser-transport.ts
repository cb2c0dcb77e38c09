// The browser's side of the session: tokens live in this closure only — never in
// localStorage, sessionStorage or a cookie — so closing or reloading the tab signs out.
import { EXPORT_PATHS, type GraphqlResponse } from '../../shared/bridge.js';
import {
  type OfficerTokens,
  refreshRequest,
  type SessionRequest,
  sessionAnswerOf,
  signInRequest,
  signOutRequest,
} from '../../shared/session-operations.js';
import type { Transport } from './transport.js';

export function createBrowserTransport(origin: string): Transport {
  let tokens: (OfficerTokens & { refreshAfter: number }) | null = null;

  async function post({ query, variables }: SessionRequest, token?: string) {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphqlResponse['body'] };
  }

  function keep(next: OfficerTokens): void {
    const margin = Math.min(30, Math.floor(next.expiresIn / 4));
    tokens = { ...next, refreshAfter: Date.now() + (next.expiresIn - margin) * 1000 };
  }

  async function accessToken(): Promise<string | null> {
    if (!tokens) return null;
    if (Date.now() < tokens.refreshAfter) return tokens.accessToken;
    const { body } = await post(refreshRequest({ refreshToken: tokens.refreshToken }));
    const answer = sessionAnswerOf(body, 'refreshOfficerSession');
    if (!answer || answer.__typename === 'SignInFailed') {
      tokens = null;
      return null;
    }
    keep(answer.data);
    return answer.data.accessToken;
  }

  return {
    choosesServer: false,
    async status() {
      return { signedIn: tokens !== null, server: origin };
    },
    async signIn(request) {
      let body: unknown;
      try {
        ({ body } = await post(signInRequest({ email: request.email, password: request.password })));
      } catch {
        return { ok: false, reason: 'UNREACHABLE', message: `No answer from ${origin}.` };
      }
      const answer = sessionAnswerOf(body, 'signInOfficer');
      if (!answer) return { ok: false, reason: 'UNEXPECTED', message: 'The server gave an unexpected answer.' };
      if (answer.__typename === 'SignInFailed') return { ok: false, reason: answer.reason, message: answer.message };
      keep(answer.data);
      return { ok: true };
    },
    async signOut() {
      const token = tokens?.accessToken;
      tokens = null;
      if (token) await post(signOutRequest(), token).catch(() => undefined);
    },
    async graphql(request) {
      const token = await accessToken();
      if (!token) {
        return {
          status: 401,
          body: { errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] },
        };
      }
      return post({ query: request.query, variables: request.variables ?? {} }, token);
    },
    async fetchExport(request, onProgress) {
      if (!EXPORT_PATHS.includes(request.path)) return { status: 400, bytes: new Uint8Array(), totalRows: null };
      const token = await accessToken();
      if (!token) return { status: 401, bytes: new Uint8Array(), totalRows: null };
      const url = new URL(request.path, origin);
      for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const header = response.headers.get('x-total-rows');
      return {
        status: response.status,
        bytes: await readWithProgress(response, onProgress),
        totalRows: header === null ? null : Number(header),
      };
    },
  };
}

/** Reads a streamed CSV, reporting finished lines (rows plus the header) as they arrive. */
async function readWithProgress(response: Response, onProgress?: (rows: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  let lines = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
    onProgress?.(Math.max(0, lines - 1));
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
