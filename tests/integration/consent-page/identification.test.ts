// The demo identity provider behind the generic OIDC client: a full flow signs in; a wrong
// state, a wrong PKCE verifier or a replayed code is refused.
import { decryptPic } from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTransaction, encodeTransaction } from '../../../api/src/consent-page/oidc/client.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';
import { PageClient } from './page-client.js';

describe('strong identification through the demo OIDC provider', () => {
  let t: TestApp;
  let pic: string;
  let residentId: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 6 });
    const resident = await t.db.prisma.resident.findFirstOrThrow();
    pic = decryptPic(resident.picCiphertext, t.picKeys);
    residentId = resident.id;
  });
  afterAll(() => t.close());

  /** Runs login → authorize page → pick person; returns the callback path and the client. */
  async function authorize(): Promise<{ client: PageClient; callback: string }> {
    const client = new PageClient(t);
    const login = await client.request('/auth/login');
    expect(login.status).toBe(303);
    const authorizeUrl = new URL(login.headers.get('location') as string);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('nonce')).toBeTruthy();
    const oidcCookie = login.headers.getSetCookie().find((c) => c.startsWith('lupa_oidc='));
    expect(oidcCookie).toMatch(/HttpOnly/);
    expect(oidcCookie).toMatch(/SameSite=Lax/);
    const page = await client.get(`${authorizeUrl.pathname}${authorizeUrl.search}`);
    expect(page.response.status).toBe(200);
    const form = Object.fromEntries(
      [...page.body.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    const { _csrf: _ignored, ...fields } = form;
    const picked = await client.post('/auth/demo-idp/authorize', { ...fields, pic });
    expect(picked.response.status).toBe(303);
    const callback = new URL(picked.response.headers.get('location') as string);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${BASE_URL}/auth/callback`);
    return { client, callback: `${callback.pathname}${callback.search}` };
  }

  it('signs the person in when state, nonce and PKCE all match', async () => {
    const { client, callback } = await authorize();
    const response = await client.request(callback);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('lupa_session='))).toBe(true);
    const session = await t.db.prisma.residentSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(session.residentId).toBe(residentId);
    // The code is single use.
    expect((await client.request(callback)).status).toBe(400);
  });

  it('refuses a callback whose state does not match the browser’s transaction', async () => {
    const { client, callback } = await authorize();
    const tampered = callback.replace(/state=[^&]+/, 'state=someone-elses-state');
    const response = await client.request(tampered);
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('lupa_session='))).toBe(false);
  });

  it('refuses when the PKCE verifier does not match the challenge', async () => {
    const { client, callback } = await authorize();
    const transaction = decodeTransaction(client.cookies.get('lupa_oidc'));
    if (!transaction) throw new Error('no transaction cookie');
    client.cookies.set('lupa_oidc', encodeTransaction({ ...transaction, codeVerifier: 'x'.repeat(43) }));
    const response = await client.request(callback);
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('lupa_session='))).toBe(false);
  });

  it('refuses when the nonce in the ID token is not the browser’s', async () => {
    const { client, callback } = await authorize();
    const transaction = decodeTransaction(client.cookies.get('lupa_oidc'));
    if (!transaction) throw new Error('no transaction cookie');
    client.cookies.set('lupa_oidc', encodeTransaction({ ...transaction, nonce: 'another-nonce' }));
    expect((await client.request(callback)).status).toBe(400);
  });

  it('refuses an authorize request for another redirect URI', async () => {
    const client = new PageClient(t);
    const login = await client.request('/auth/login');
    const url = new URL(login.headers.get('location') as string);
    url.searchParams.set('redirect_uri', 'https://evil.example/callback');
    expect((await client.request(`${url.pathname}${url.search}`)).status).toBe(404);
  });
});
