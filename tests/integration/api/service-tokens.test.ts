// The token endpoint and service access tokens over HTTP, with the negative matrix of
// SECURITY.md "Tokens": every case is refused with 401 and a code that says why.
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, createTestApp, type ServiceClient, type TestApp } from '../../fixtures/app.js';

const VIEWER = '{ viewer { kind } }';

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('service tokens', () => {
  let t: TestApp;
  let institute: ServiceClient;
  let jazz: ServiceClient;
  let parish: ServiceClient;

  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
    [institute, jazz, parish] = await Promise.all([
      t.registerServiceClient('adult-education'),
      t.registerServiceClient('jazz-association'),
      t.registerServiceClient('parish'),
    ]);
  });
  afterAll(() => t.close());

  describe('POST /oauth/token', () => {
    it('issues a short-lived at+jwt to the controller’s service, naming service, organisation and purpose', async () => {
      const { status, body } = await institute.requestToken('concert-recommendations');
      expect(status).toBe(200);
      expect(body.token_type).toBe('Bearer');
      expect(body.expires_in).toBeLessThanOrEqual(600);
      const token = body.access_token as string;
      const header = decodeProtectedHeader(token);
      expect(header).toMatchObject({ typ: 'at+jwt', alg: 'EdDSA' });
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({
        sub: institute.serviceId,
        client_id: institute.clientId,
        purpose: 'concert-recommendations',
      });
      expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(600);
      const jwks = (await (await t.app.fetch(new Request(`${BASE_URL}/.well-known/jwks.json`))).json()) as {
        keys: { kid: string; d?: string }[];
      };
      expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
      expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    });

    it('issues a token to a recipient organisation’s service', async () => {
      expect((await jazz.requestToken('concert-recommendations')).status).toBe(200);
    });

    it('refuses an organisation that is neither controller nor recipient', async () => {
      const { status, body } = await parish.requestToken('concert-recommendations');
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: 'invalid_scope', code: 'NOT_A_RECIPIENT' });
    });

    it('refuses a purpose that is not in force', async () => {
      const { status, body } = await institute.requestToken('no-such-purpose');
      expect(status).toBe(400);
      expect(body.code).toBe('PURPOSE_NOT_ACTIVE');
    });

    it('refuses a request naming no purpose or two', async () => {
      expect((await institute.requestToken('')).body.code).toBe('PURPOSE_REQUIRED');
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await institute.assertion(),
      });
      form.append('purpose', 'concert-recommendations');
      form.append('purpose', 'course-accessibility');
      const response = await t.app.fetch(
        new Request(`${BASE_URL}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        }),
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe('REPEATED_PARAMETER');
    });

    it('refuses a replayed client assertion', async () => {
      const assertion = await institute.assertion();
      const send = () =>
        t.app.fetch(
          new Request(`${BASE_URL}/oauth/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              grant_type: 'client_credentials',
              client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
              client_assertion: assertion,
              purpose: 'concert-recommendations',
            }).toString(),
          }),
        );
      expect((await send()).status).toBe(200);
      const replay = await send();
      expect(replay.status).toBe(401);
      expect(((await replay.json()) as { code: string }).code).toBe('TOKEN_REPLAYED');
    });

    it('refuses an assertion signed by a key the service did not register', async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const forged = await new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'unknown' })
        .setIssuer(institute.clientId)
        .setSubject(institute.clientId)
        .setAudience(`${BASE_URL}/oauth/token`)
        .setIssuedAt(Math.floor(t.clock.now.getTime() / 1000))
        .setExpirationTime(Math.floor(t.clock.now.getTime() / 1000) + 60)
        .sign(privateKey);
      const response = await t.app.fetch(
        new Request(`${BASE_URL}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: forged,
            purpose: 'concert-recommendations',
          }).toString(),
        }),
      );
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
    });

    it('answers GET with 405, other grants with 400 and a missing assertion with 401', async () => {
      expect((await t.app.fetch(new Request(`${BASE_URL}/oauth/token`))).status).toBe(405);
      expect((await institute.requestToken('concert-recommendations', { grant_type: 'password' })).status).toBe(400);
      expect((await institute.requestToken('concert-recommendations', { client_assertion: '' })).status).toBe(401);
    });
  });

  describe('using an access token', () => {
    it('speaks for the service', async () => {
      const token = await institute.token('concert-recommendations');
      const { status, body } = await t.graphql(VIEWER, {}, token);
      expect(status).toBe(200);
      expect(body.data).toEqual({ viewer: { kind: 'SERVICE' } });
    });

    it('stops working the moment the service is disabled', async () => {
      const client = await t.registerServiceClient('adult-education');
      const token = await client.token('concert-recommendations');
      await t.db.prisma.service.update({ where: { id: client.serviceId }, data: { status: 'DISABLED' } });
      const { status, body } = await t.graphql(VIEWER, {}, token);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_DISABLED');
      expect((await client.requestToken('concert-recommendations')).status).toBe(401);
    });
  });

  describe('negative matrix at /graphql', () => {
    async function hubSigned(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
      const key = await t.hub.keys.signingKey();
      const now = Math.floor(t.clock.now.getTime() / 1000);
      return new SignJWT({
        sub: institute.serviceId,
        client_id: institute.clientId,
        org: (await t.db.prisma.service.findUniqueOrThrow({ where: { id: institute.serviceId } })).organisationId,
        purpose: 'concert-recommendations',
        purpose_version: (
          await t.db.prisma.purposeVersion.findFirstOrThrow({
            where: { purpose: { slug: 'concert-recommendations' }, status: 'PUBLISHED' },
          })
        ).id,
        jti: randomUUID(),
        iss: BASE_URL,
        aud: `${BASE_URL}/graphql`,
        iat: now,
        exp: now + 300,
        ...claims,
      })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt', ...header })
        .sign(key.privateKey);
    }

    async function refusal(token: string): Promise<{ status: number; code: unknown }> {
      const { status, body } = await t.graphql(VIEWER, {}, token);
      return { status, code: body.errors?.[0]?.extensions?.code };
    }

    it('accepts the well-formed control token', async () => {
      expect((await t.graphql(VIEWER, {}, await hubSigned({}))).status).toBe(200);
    });

    it('refuses alg "none"', async () => {
      const valid = decodeJwt(await hubSigned({}));
      const token = `${b64url({ alg: 'none', typ: 'at+jwt' })}.${b64url(valid)}.`;
      expect(await refusal(token)).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    });

    it('refuses HS256 signed with the hub’s public key as the secret', async () => {
      const jwks = (await t.hub.keys.jwks()).keys;
      const secret = new TextEncoder().encode(JSON.stringify(jwks[0]));
      const payload = decodeJwt(await hubSigned({}));
      const token = await new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: jwks[0]?.kid as string })
        .sign(secret);
      expect(await refusal(token)).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    });

    const now = () => Math.floor(t.clock.now.getTime() / 1000);
    const cases: [string, () => Promise<string>, string][] = [
      ['expired', () => hubSigned({ iat: now() - 900, exp: now() - 60 }), 'TOKEN_EXPIRED'],
      ['exp missing', () => hubSigned({ exp: undefined }), 'TOKEN_MISSING_CLAIM'],
      ['wrong aud', () => hubSigned({ aud: 'https://elsewhere.example.invalid/graphql' }), 'TOKEN_INVALID'],
      ['wrong iss', () => hubSigned({ iss: 'https://evil.example.invalid' }), 'TOKEN_INVALID'],
      ['wrong typ', () => hubSigned({}, { typ: 'JWT' }), 'TOKEN_WRONG_KIND'],
      ['nbf in the future', () => hubSigned({ nbf: now() + 600 }), 'TOKEN_NOT_YET_VALID'],
      ['unknown kid', () => hubSigned({}, { kid: 'A'.repeat(43) }), 'TOKEN_UNKNOWN_KEY'],
      ['kid injection', () => hubSigned({}, { kid: "../../etc/passwd' OR 1=1 --" }), 'TOKEN_UNKNOWN_KEY'],
    ];
    it.each(cases)('refuses a token with %s', async (_name, make, code) => {
      expect(await refusal(await make())).toEqual({ status: 401, code });
    });

    it('ignores an embedded jwk header: an attacker’s own key does not verify', async () => {
      const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const payload = decodeJwt(await hubSigned({}));
      const token = await new SignJWT(payload)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', jwk: await exportJWK(attacker.publicKey) })
        .sign(attacker.privateKey);
      expect((await refusal(token)).status).toBe(401);
    });

    it('never accepts a token of another kind: an officer token has no service powers, a client assertion none at all', async () => {
      const { token: officer } = await t.officerToken('AUDITOR');
      // Valid as what it is: an officer token speaks for an officer…
      expect((await t.graphql(VIEWER, {}, officer)).body.data).toEqual({ viewer: { kind: 'OFFICER' } });
      // …and passed off as an access token by changing its typ, it fails verification.
      const [, payload, signature] = officer.split('.');
      const retyped = `${b64url({ ...decodeProtectedHeader(officer), typ: 'at+jwt' })}.${payload}.${signature}`;
      expect((await refusal(retyped)).status).toBe(401);
      expect((await refusal(await institute.assertion())).status).toBe(401);
    });

    it('refuses a malformed Authorization header with 401', async () => {
      const response = await t.app.fetch(
        new Request(`${BASE_URL}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
          body: JSON.stringify({ query: VIEWER }),
        }),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
    });
  });
});
