// The officer's session, held by the main process: it signs in, keeps the access token in
// memory and the refresh token in the vault, and sends the renderer's GraphQL requests with
// the token attached. The renderer only ever sees answers.
import {
  EXPORT_PATHS,
  type ExportRequest,
  type ExportResponse,
  type GraphqlRequest,
  type GraphqlResponse,
  type SessionStatus,
  type SignInRequest,
  type SignInResult,
} from '../shared/bridge.js';
import {
  isInsecureServer,
  normaliseServerAddress,
  refreshRequest,
  type SessionRequest,
  sessionAnswerOf,
  signInRequest,
  signOutRequest,
} from '../shared/session-operations.js';
import type { TokenVault } from './token-vault.js';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

interface AccessToken {
  token: string;
  /** Epoch ms after which the token is refreshed before use. */
  refreshAfter: number;
}

export class OfficerSession {
  private server: string | null = null;
  private access: AccessToken | null = null;
  private refreshToken: string | null = null;

  constructor(
    private readonly vault: TokenVault,
    private readonly fetch: Fetch,
    private readonly now: () => number = Date.now,
  ) {}

  async status(): Promise<SessionStatus> {
    if (!this.server) {
      const stored = await this.vault.load();
      this.server = stored?.server ?? null;
      // A session kept from before https was required is not refreshed over plain http.
      this.refreshToken = this.server && !isInsecureServer(this.server) ? (stored?.refreshToken ?? null) : null;
    }
    const signedIn = this.access !== null || (this.refreshToken !== null && (await this.refresh()));
    return { signedIn, server: this.server };
  }

  async signIn(request: SignInRequest): Promise<SignInResult> {
    const server = normaliseServerAddress(request.server);
    if (!server) return { ok: false, reason: 'BAD_SERVER', message: 'The server address is not an http(s) address.' };
    if (isInsecureServer(server)) {
      // Refused before anything is sent: the password must not cross the network in clear.
      return {
        ok: false,
        reason: 'INSECURE_SERVER',
        message: 'The server address must use https:// (http:// only on this computer).',
      };
    }
    let body: unknown;
    try {
      const response = await this.post(server, signInRequest({ email: request.email, password: request.password }));
      body = await response.json();
    } catch {
      return { ok: false, reason: 'UNREACHABLE', message: `No answer from ${server}.` };
    }
    const answer = sessionAnswerOf(body, 'signInOfficer');
    if (!answer) return { ok: false, reason: 'UNEXPECTED', message: 'The server gave an unexpected answer.' };
    if (answer.__typename === 'SignInFailed') return { ok: false, reason: answer.reason, message: answer.message };
    this.server = server;
    await this.keep(answer.data);
    return { ok: true };
  }

  async signOut(): Promise<void> {
    if (this.server && this.access) {
      // Best effort: the server ends the session; locally it ends whatever the answer.
      await this.post(this.server, signOutRequest(), this.access.token).catch(() => undefined);
    }
    this.access = null;
    this.refreshToken = null;
    await this.vault.clear();
  }

  async graphql(request: GraphqlRequest): Promise<GraphqlResponse> {
    const server = this.server;
    if (!server) return unauthenticated();
    const send = async () => {
      const token = await this.accessToken();
      if (!token) return null;
      const response = await this.post(server, { query: request.query, variables: request.variables ?? {} }, token);
      return { status: response.status, body: (await response.json()) as GraphqlResponse['body'] };
    };
    let answer = await send();
    // A token the server no longer accepts (expired early, session ended elsewhere): one
    // refresh and one retry, then the officer signs in again.
    if (answer?.status === 401) {
      this.access = null;
      answer = await send();
    }
    return answer ?? unauthenticated();
  }

  async fetchExport(request: ExportRequest): Promise<ExportResponse> {
    // Only the known export paths of the signed-in server: the renderer cannot use this
    // channel to make the main process fetch arbitrary URLs with the officer's token.
    if (!EXPORT_PATHS.includes(request.path) || !this.server) return emptyExport(400);
    const token = await this.accessToken();
    if (!token) return emptyExport(401);
    const url = new URL(request.path, this.server);
    for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, String(value));
    const response = await this.fetch(url.toString(), { headers: { authorization: `Bearer ${token}` } });
    const total = Number(response.headers.get('x-total-rows'));
    return {
      status: response.status,
      bytes: new Uint8Array(await response.arrayBuffer()),
      totalRows: Number.isFinite(total) && response.headers.has('x-total-rows') ? total : null,
    };
  }

  private async accessToken(): Promise<string | null> {
    if (this.access && this.now() < this.access.refreshAfter) return this.access.token;
    this.access = null;
    return (await this.refresh()) ? ((this.access as AccessToken | null)?.token ?? null) : null;
  }

  private async refresh(): Promise<boolean> {
    if (!this.server || !this.refreshToken) return false;
    let body: unknown;
    try {
      const response = await this.post(this.server, refreshRequest({ refreshToken: this.refreshToken }));
      body = await response.json();
    } catch {
      return false;
    }
    const answer = sessionAnswerOf(body, 'refreshOfficerSession');
    if (!answer || answer.__typename === 'SignInFailed') {
      this.refreshToken = null;
      await this.vault.clear();
      return false;
    }
    await this.keep(answer.data);
    return true;
  }

  private async keep(tokens: { accessToken: string; refreshToken: string; expiresIn: number }): Promise<void> {
    // Refresh a little before expiry so a request never leaves with a token about to lapse.
    const margin = Math.min(30, Math.floor(tokens.expiresIn / 4));
    this.access = { token: tokens.accessToken, refreshAfter: this.now() + (tokens.expiresIn - margin) * 1000 };
    this.refreshToken = tokens.refreshToken;
    if (this.server) await this.vault.save({ server: this.server, refreshToken: tokens.refreshToken });
  }

  private post(server: string, { query, variables }: SessionRequest, token?: string) {
    return this.fetch(`${server}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  }
}

function emptyExport(status: number): ExportResponse {
  return { status, bytes: new Uint8Array(), totalRows: null };
}

function unauthenticated(): GraphqlResponse {
  return { status: 401, body: { errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] } };
}
