// What a standard OAuth client relies on at the token endpoint: RFC 8414 metadata, both
// names of the Ed25519 algorithm, the issuer as audience, and an invalid_client answer that
// carries its description and no Bearer challenge. (Production's generic descriptions:
// tests/unit/http/token-endpoint.test.ts.)
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, createTestApp, type ServiceClient, type TestApp } from '../../fixtures/app.js';

const PURPOSE = 'concert-recommendations';
const TOKEN_URL = `${BASE_URL}/oauth/token`;

async function signed(client: ServiceClient, now: Date, header: { alg: string; kid?: string }, aud: string) {
  const seconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader(header)
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(aud)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + 60)
    .sign(client.privateKey);
}

async function requestToken(t: TestApp, assertion: string) {
  const response = await t.app.fetch(
    new Request(TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        purpose: PURPOSE,
      }),
    }),
  );
  return { response, body: (await response.json()) as Record<string, string> };
}

describe('OAuth interoperability', () => {
  let t: TestApp;
  let service: ServiceClient;

  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
    service = await t.registerServiceClient('adult-education');
  });
  afterAll(() => t.close());

  it('publishes RFC 8414 metadata whose endpoints answer', async () => {
    const response = await t.app.fetch(new Request(`${BASE_URL}/.well-known/oauth-authorization-server`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toEqual({
      issuer: BASE_URL,
      token_endpoint: TOKEN_URL,
      jwks_uri: `${BASE_URL}/.well-known/jwks.json`,
      response_types_supported: [],
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['Ed25519', 'EdDSA', 'ES256'],
    });
    // The issuer is the `iss` of the hub's tokens, and the JWKS verifies them.
    const jwks = (await (await t.app.fetch(new Request(metadata.jwks_uri as string))).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    const post = await t.app.fetch(
      new Request(`${BASE_URL}/.well-known/oauth-authorization-server`, { method: 'POST' }),
    );
    expect(post.status).toBe(405);
  });

  it.each([
    ['Ed25519', BASE_URL],
    ['Ed25519', TOKEN_URL],
    ['EdDSA', BASE_URL],
    ['EdDSA', TOKEN_URL],
  ])('issues a token for alg %s with aud %s', async (alg, aud) => {
    const { response, body } = await requestToken(t, await signed(service, t.clock.now, { alg }, aud));
    expect(response.status).toBe(200);
    expect(body.token_type).toBe('Bearer');
  });

  it('answers a refused assertion with invalid_client, no Bearer challenge, and says what was expected', async () => {
    const { response, body } = await requestToken(
      t,
      await signed(service, t.clock.now, { alg: 'Ed25519' }, 'http://127.0.0.1:4000/oauth/token'),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(body).toMatchObject({ error: 'invalid_client', code: 'TOKEN_INVALID' });
    expect(body.error_description).toBe(
      `The token is not valid. aud must be "${BASE_URL}" (the issuer) or "${TOKEN_URL}" (the token endpoint), ` +
        'exactly; it was "http://127.0.0.1:4000/oauth/token".',
    );
  });

  it('answers a missing assertion with invalid_client and no Bearer challenge', async () => {
    const { response, body } = await requestToken(t, '');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(body).toMatchObject({ error: 'invalid_client', code: 'CLIENT_ASSERTION_REQUIRED' });
  });
});
