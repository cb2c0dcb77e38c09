// A demo identity provider standing in for Suomi.fi identification, outside production
// only. It speaks just enough OpenID Connect for the generic client: an authorize page
// where a developer picks a synthetic test person by identity code, a token endpoint that
// checks the code, redirect URI, client and PKCE verifier, and ES256-signed ID tokens.
// Codes live in this process's memory: fine for a demo, and the reason it is not a
// production component.
import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { BODY_LIMITS, PayloadTooLargeError, readBodyWithin } from '../../http/body-limit.js';
import { pkceChallenge } from './client.js';
import type { OidcClientSettings, OidcRuntime } from './settings.js';

export const DEMO_CLIENT_ID = 'lupa-resident-page';
const CODE_LIFETIME_MS = 60_000;

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
}

interface IssuedCode extends AuthorizeParams {
  pic: string;
  expiresAt: number;
}

export class DemoIdentityProvider {
  readonly settings: OidcClientSettings;
  readonly #codes = new Map<string, IssuedCode>();
  #keys: Promise<{ privateKey: CryptoKey; publicJwk: Awaited<ReturnType<typeof exportJWK>> }> | undefined;

  constructor(
    publicUrl: string,
    private readonly now: () => Date,
  ) {
    this.settings = {
      issuer: `${publicUrl}/auth/demo-idp`,
      clientId: DEMO_CLIENT_ID,
      redirectUri: `${publicUrl}/auth/callback`,
      scopes: ['openid', 'profile'],
      authorizationEndpoint: `${publicUrl}/auth/demo-idp/authorize`,
      tokenEndpoint: `${publicUrl}/auth/demo-idp/token`,
      identityClaim: 'urn:oid:1.2.246.21',
      algorithms: ['ES256'],
    };
  }

  runtime(): OidcRuntime {
    return {
      settings: this.settings,
      jwks: async (header, token) => createLocalJWKSet({ keys: [(await this.#keyPair()).publicJwk] })(header, token),
      // The demo provider lives in this process: no network round trip to ourselves.
      fetchToken: (request) => this.handleToken(request),
    };
  }

  #keyPair() {
    this.#keys ??= generateKeyPair('ES256', { extractable: true }).then(async ({ privateKey, publicKey }) => ({
      privateKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid: 'demo-idp', alg: 'ES256', use: 'sig' },
    }));
    return this.#keys;
  }

  /** The authorize request's parameters, or null when they do not name our one client properly. */
  parseAuthorize(params: URLSearchParams): AuthorizeParams | null {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    const state = params.get('state');
    const nonce = params.get('nonce');
    const codeChallenge = params.get('code_challenge');
    if (params.get('response_type') !== 'code' || params.get('code_challenge_method') !== 'S256') return null;
    // An exact redirect URI match: an open redirector here would hand codes to anyone.
    if (clientId !== this.settings.clientId || redirectUri !== this.settings.redirectUri) return null;
    if (!state || !nonce || !codeChallenge) return null;
    return { clientId, redirectUri, state, nonce, codeChallenge };
  }

  /** Issues a code for the chosen person; returns where to send the browser. */
  issueCode(params: AuthorizeParams, pic: string): string {
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(code, { ...params, pic, expiresAt: this.now().getTime() + CODE_LIFETIME_MS });
    const target = new URL(params.redirectUri);
    target.search = new URLSearchParams({ code, state: params.state }).toString();
    return target.toString();
  }

  async handleToken(request: Request): Promise<Response> {
    const refuse = (error: string, status = 400, description?: string) =>
      new Response(
        JSON.stringify({
          error,
          code: error.toUpperCase(),
          ...(description ? { error_description: description } : {}),
        }),
        { status, headers: { 'content-type': 'application/json', ...(status === 413 ? { connection: 'close' } : {}) } },
      );
    if (request.method !== 'POST') return refuse('invalid_request');
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(await readBodyWithin(request, BODY_LIMITS.demoIdpToken));
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      return refuse('payload_too_large', 413, error.message);
    }
    const code = form.get('code') ?? '';
    const issued = this.#codes.get(code);
    // Codes are single use: gone at the first attempt, right or wrong.
    this.#codes.delete(code);
    if (form.get('grant_type') !== 'authorization_code' || !issued) return refuse('invalid_grant');
    if (issued.expiresAt <= this.now().getTime()) return refuse('invalid_grant');
    if (form.get('client_id') !== issued.clientId || form.get('redirect_uri') !== issued.redirectUri) {
      return refuse('invalid_grant');
    }
    const verifier = form.get('code_verifier') ?? '';
    if (verifier.length < 43 || pkceChallenge(verifier) !== issued.codeChallenge) return refuse('invalid_grant');
    const { privateKey } = await this.#keyPair();
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const idToken = await new SignJWT({ nonce: issued.nonce, [this.settings.identityClaim]: issued.pic })
      .setProtectedHeader({ alg: 'ES256', kid: 'demo-idp' })
      .setIssuer(this.settings.issuer)
      .setAudience(issued.clientId)
      .setSubject(pkceChallenge(`subject:${issued.pic}`))
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 300)
      .sign(privateKey);
    return new Response(JSON.stringify({ id_token: idToken, token_type: 'Bearer', expires_in: 300 }), {
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  }
}
