// The token endpoint's refusals: explained outside production, generic in it, and never
// with a Bearer challenge. The refusals happen before anything but the key lookup touches
// the database, so a stub stands in for Prisma.
import type { PrismaClient } from '@lupa/db';
import { describe, expect, it } from 'vitest';
import { createMemoryJtiStore } from '../../../api/src/auth/index.js';
import { handleTokenRequest } from '../../../api/src/http/token-endpoint.js';
import { createEd25519Key, forgeJws } from '../auth/support/forge-jws.js';
import { createTestHub, ISSUER, NOW, TOKEN_ENDPOINT_URL, toSeconds } from '../auth/support/hub-fixture.js';

const CLIENT_ID = 'daycare-app';
const key = createEd25519Key();
const prisma = {
  serviceKey: { findMany: async () => [{ publicJwk: { ...key.publicJwk, alg: 'EdDSA', use: 'sig' } }] },
} as unknown as PrismaClient;

async function refuse(explainRefusals: boolean, header: Record<string, unknown>, aud: unknown) {
  const t = toSeconds(NOW);
  const assertion = await forgeJws(
    { kid: key.kid, ...header },
    { iss: CLIENT_ID, sub: CLIENT_ID, aud, jti: crypto.randomUUID(), iat: t, exp: t + 60 },
    key.signer,
  );
  const response = await handleTokenRequest(
    new Request(TOKEN_ENDPOINT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        purpose: 'daycare-application',
      }),
    }),
    {
      prisma,
      hub: await createTestHub(),
      jtiStore: createMemoryJtiStore(),
      tokenEndpointUrl: TOKEN_ENDPOINT_URL,
      explainRefusals,
      now: () => NOW,
    },
  );
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBeNull();
  return (await response.json()) as Record<string, string>;
}

describe('token endpoint refusals', () => {
  it('in production: the fixed message of the code, nothing about what was expected', async () => {
    expect(await refuse(false, { alg: 'Ed25519' }, `${ISSUER}/graphql`)).toEqual({
      error: 'invalid_client',
      code: 'TOKEN_INVALID',
      error_description: 'The token is not valid.',
    });
    expect(await refuse(false, { alg: 'ed25519' }, ISSUER)).toEqual({
      error: 'invalid_client',
      code: 'TOKEN_INVALID',
      error_description: 'The token is not valid.',
    });
  });

  it('in development: the fixed message, then which check failed and what it expected', async () => {
    expect((await refuse(true, { alg: 'Ed25519' }, `${ISSUER}/graphql`)).error_description).toBe(
      `The token is not valid. aud must be "${ISSUER}" (the issuer) or "${TOKEN_ENDPOINT_URL}" (the token endpoint), ` +
        `exactly; it was "${ISSUER}/graphql".`,
    );
    expect((await refuse(true, { alg: 'ed25519' }, ISSUER)).error_description).toBe(
      'The token is not valid. alg "ed25519" is not accepted; sign with one of Ed25519, EdDSA, ES256 (exact spelling).',
    );
  });
});
