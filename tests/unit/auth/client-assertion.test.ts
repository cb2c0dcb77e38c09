// RFC 7523 private_key_jwt client assertions, with SECURITY.md's negative matrix.
import { createPublicKey } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMemoryJtiStore,
  type JtiStore,
  type ServiceKeyResolver,
  verifyClientAssertion,
} from '../../../api/src/auth/index.js';
import {
  type Claims,
  createEd25519Key,
  createEs256Key,
  forgeJws,
  hs256Signer,
  publicKeySecrets,
  type TestKey,
  tamperPayload,
  withOverrides,
} from './support/forge-jws.js';
import { codeOf, createTestHub, ISSUER, later, NOW, TOKEN_ENDPOINT_URL, toSeconds } from './support/hub-fixture.js';
import { serviceAccessKind } from './support/hub-kinds.js';

const CLIENT_ID = 'daycare-app';
const OTHER_CLIENT_ID = 'course-booking';
const t = toSeconds(NOW);

let serviceKey: TestKey;
let otherServiceKey: TestKey;
let registry: Map<string, object[]>;
let resolveServiceKeys: ServiceKeyResolver & ReturnType<typeof vi.fn>;
let jtiStore: JtiStore;
let jtiCounter = 0;

beforeEach(() => {
  serviceKey = createEd25519Key();
  otherServiceKey = createEs256Key();
  registry = new Map<string, object[]>([
    [CLIENT_ID, [serviceKey.publicJwk]],
    [OTHER_CLIENT_ID, [otherServiceKey.publicJwk]],
  ]);
  resolveServiceKeys = vi.fn(async (clientId: string) => registry.get(clientId) ?? []) as typeof resolveServiceKeys;
  jtiStore = createMemoryJtiStore();
});

interface AssertionOptions {
  header?: Claims;
  payload?: Claims;
  key?: TestKey;
  signer?: Parameters<typeof forgeJws>[2];
}

function assertion({ header, payload, key = serviceKey, signer }: AssertionOptions = {}): Promise<string> {
  jtiCounter += 1;
  return forgeJws(
    withOverrides({ alg: key.alg, kid: key.kid, typ: 'JWT' }, header),
    withOverrides(
      { iss: CLIENT_ID, sub: CLIENT_ID, aud: TOKEN_ENDPOINT_URL, jti: `assertion-${jtiCounter}`, iat: t, exp: t + 60 },
      payload,
    ),
    signer ?? key.signer,
  );
}

const verify = (token: unknown, now: Date = NOW) =>
  verifyClientAssertion(token, {
    issuer: ISSUER,
    tokenEndpointUrl: TOKEN_ENDPOINT_URL,
    resolveServiceKeys,
    jtiStore,
    now,
  });

/** The development-only explanation a refusal carries. */
async function detailOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { detail?: string }).detail;
  }
  throw new Error('expected a refusal');
}

describe('verifyClientAssertion accepts', () => {
  it('an EdDSA assertion signed with the service’s registered key', async () => {
    await expect(verify(await assertion({ payload: { jti: 'a-1' } }))).resolves.toEqual({
      clientId: CLIENT_ID,
      jti: 'a-1',
      expiresAt: new Date((t + 60) * 1000),
    });
    expect(resolveServiceKeys).toHaveBeenCalledWith(CLIENT_ID);
  });

  it('an ES256 assertion', async () => {
    const token = await assertion({ key: otherServiceKey, payload: { iss: OTHER_CLIENT_ID, sub: OTHER_CLIENT_ID } });
    await expect(verify(token)).resolves.toMatchObject({ clientId: OTHER_CLIENT_ID });
  });

  it('aud as an array that contains the token endpoint', async () => {
    const token = await assertion({ payload: { aud: ['https://other.example.invalid', TOKEN_ENDPOINT_URL] } });
    expect(await codeOf(verify(token))).toBe('RESOLVED');
  });

  // draft-ietf-oauth-rfc7523bis: the issuer identifier is the audience (openid-client 6 and
  // oauth4webapi send it by default).
  it.each([
    ['the issuer identifier', ISSUER],
    ['an array holding the issuer', [ISSUER]],
    ['an array holding the issuer and another server', ['https://other.example.invalid', ISSUER]],
  ])('aud as %s', async (_name, aud) => {
    expect(await codeOf(verify(await assertion({ payload: { aud } })))).toBe('RESOLVED');
  });

  // RFC 9864: Ed25519 is the fully specified name of EdDSA over Ed25519.
  it.each([
    ['no alg', undefined],
    ['alg EdDSA (as registration stores it)', 'EdDSA'],
    ['alg Ed25519', 'Ed25519'],
  ])('alg Ed25519 and alg EdDSA, with a registered key carrying %s', async (_name, keyAlg) => {
    registry.set(CLIENT_ID, [{ ...serviceKey.publicJwk, alg: keyAlg, use: 'sig' }]);
    for (const alg of ['Ed25519', 'EdDSA']) {
      expect(await codeOf(verify(await assertion({ header: { alg } })))).toBe('RESOLVED');
      expect(await codeOf(verify(await assertion({ header: { alg, kid: undefined } })))).toBe('RESOLVED');
    }
  });

  it.each([undefined, 'JWT', 'client-authentication+jwt', 'application/client-authentication+jwt'])(
    'typ %s',
    async (typ) => {
      expect(await codeOf(verify(await assertion({ header: { typ } })))).toBe('RESOLVED');
    },
  );

  it('no kid while the service has two keys registered (mid-rotation)', async () => {
    const newKey = createEd25519Key();
    registry.set(CLIENT_ID, [serviceKey.publicJwk, newKey.publicJwk]);
    expect(await codeOf(verify(await assertion({ key: newKey, header: { kid: undefined } })))).toBe('RESOLVED');
    expect(await codeOf(verify(await assertion({ header: { kid: undefined } })))).toBe('RESOLVED');
  });

  it('a lifetime of exactly 300 s', async () => {
    expect(await codeOf(verify(await assertion({ payload: { exp: t + 300 } })))).toBe('RESOLVED');
  });

  it('9 s after exp, and nbf 9 s ahead (clock tolerance)', async () => {
    expect(await codeOf(verify(await assertion({ payload: { iat: t - 60, exp: t - 9 } })))).toBe('RESOLVED');
    expect(await codeOf(verify(await assertion({ payload: { nbf: t + 9 } })))).toBe('RESOLVED');
  });
});

describe('verifyClientAssertion refuses', () => {
  it('a replayed assertion', async () => {
    const token = await assertion();
    expect(await codeOf(verify(token))).toBe('RESOLVED');
    expect(await codeOf(verify(token))).toBe('TOKEN_REPLAYED');
    expect(await codeOf(verify(token, later(NOW, 30)))).toBe('TOKEN_REPLAYED');
  });

  it('a second assertion reusing a jti, even re-signed with new times', async () => {
    expect(await codeOf(verify(await assertion({ payload: { jti: 'same' } })))).toBe('RESOLVED');
    const again = await assertion({ payload: { jti: 'same', iat: t + 5, exp: t + 65 } });
    expect(await codeOf(verify(again, later(NOW, 5)))).toBe('TOKEN_REPLAYED');
  });

  it('a replay across clients is refused too (jtis are one namespace, as in the database)', async () => {
    expect(await codeOf(verify(await assertion({ payload: { jti: 'shared' } })))).toBe('RESOLVED');
    const other = await assertion({
      key: otherServiceKey,
      payload: { iss: OTHER_CLIENT_ID, sub: OTHER_CLIENT_ID, jti: 'shared' },
    });
    expect(await codeOf(verify(other))).toBe('TOKEN_REPLAYED');
  });

  it('does not burn a jti for an assertion whose signature fails', async () => {
    const attacker = createEd25519Key();
    const forged = await assertion({ payload: { jti: 'victim-jti' }, signer: attacker.signer });
    expect(await codeOf(verify(forged))).toBe('TOKEN_INVALID');
    expect(await codeOf(verify(await assertion({ payload: { jti: 'victim-jti' } })))).toBe('RESOLVED');
  });

  it('iss ≠ sub', async () => {
    expect(await codeOf(verify(await assertion({ payload: { sub: OTHER_CLIENT_ID } })))).toBe('TOKEN_INVALID');
  });

  it('another client’s id as iss, signed with my key', async () => {
    const token = await assertion({ payload: { iss: OTHER_CLIENT_ID, sub: OTHER_CLIENT_ID } });
    expect(['TOKEN_UNKNOWN_KEY', 'TOKEN_INVALID']).toContain(await codeOf(verify(token)));
  });

  it('another client’s key claiming to be me', async () => {
    const withKid = await assertion({ key: otherServiceKey });
    expect(await codeOf(verify(withKid))).toBe('TOKEN_UNKNOWN_KEY');
    const withoutKid = await assertion({ key: createEd25519Key(), header: { kid: undefined } });
    expect(await codeOf(verify(withoutKid))).toBe('TOKEN_INVALID');
  });

  it('an unknown client', async () => {
    const token = await assertion({ payload: { iss: 'nobody', sub: 'nobody' } });
    expect(await codeOf(verify(token))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('a disabled service (the resolver returns no keys)', async () => {
    registry.set(CLIENT_ID, []);
    expect(await codeOf(verify(await assertion()))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('a lifetime over 300 s', async () => {
    expect(await codeOf(verify(await assertion({ payload: { exp: t + 301 } })))).toBe('TOKEN_INVALID');
    expect(await codeOf(verify(await assertion({ payload: { exp: t + 3600 } })))).toBe('TOKEN_INVALID');
    // exp within five minutes of now, but issued long before: still too long-lived.
    expect(await codeOf(verify(await assertion({ payload: { iat: t - 200, exp: t + 250 } })))).toBe('TOKEN_INVALID');
  });

  it('an expired assertion, and 11 s after exp', async () => {
    expect(await codeOf(verify(await assertion({ payload: { iat: t - 200, exp: t - 60 } })))).toBe('TOKEN_EXPIRED');
    expect(await codeOf(verify(await assertion({ payload: { iat: t - 60, exp: t - 11 } })))).toBe('TOKEN_EXPIRED');
  });

  it.each(['exp', 'iat', 'jti', 'iss', 'sub', 'aud'])('%s missing', async (claim) => {
    expect(await codeOf(verify(await assertion({ payload: { [claim]: undefined } })))).toBe('TOKEN_MISSING_CLAIM');
  });

  it.each([
    ['the GraphQL URL', `${ISSUER}/graphql`],
    ['another server', 'https://as.attacker.invalid/token'],
    ['another server’s issuer', 'https://as.attacker.invalid'],
    ['the issuer with a trailing slash', `${ISSUER}/`],
    ['the issuer with a trailing path', `${ISSUER}/tenant`],
    ['the issuer’s path prefix of the token endpoint', `${ISSUER}/oauth`],
    ['the token endpoint with a trailing slash', `${TOKEN_ENDPOINT_URL}/`],
    ['the token endpoint with a query', `${TOKEN_ENDPOINT_URL}?x=1`],
    ['the issuer in capitals', ISSUER.toUpperCase()],
    ['the issuer over http', ISSUER.replace('https:', 'http:')],
    ['the issuer with an explicit port', ISSUER.replace('.invalid', '.invalid:443')],
    ['the issuer on a suffix host', `${ISSUER}.attacker.invalid`],
    ['an empty array', []],
    ['an array of near misses', [`${ISSUER}/`, `${TOKEN_ENDPOINT_URL}/`]],
  ])('aud %s', async (_name, aud) => {
    expect(await codeOf(verify(await assertion({ payload: { aud } })))).toBe('TOKEN_INVALID');
  });

  it('nbf or iat in the future', async () => {
    expect(await codeOf(verify(await assertion({ payload: { nbf: t + 11 } })))).toBe('TOKEN_NOT_YET_VALID');
    expect(await codeOf(verify(await assertion({ payload: { iat: t + 60, exp: t + 120 } })))).toBe(
      'TOKEN_NOT_YET_VALID',
    );
  });

  it('alg none', async () => {
    const token = await assertion({ header: { alg: 'none' }, signer: 'none' });
    expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
  });

  it('HS256 signed with the service’s public key', async () => {
    const pem = createPublicKey({ key: serviceKey.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    for (const [, secret] of [['PEM', pem] as [string, string | Buffer], ...publicKeySecrets(serviceKey.publicJwk)]) {
      const token = await assertion({ header: { alg: 'HS256' }, signer: hs256Signer(secret) });
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    }
  });

  it.each(['RS256', 'ES384', 'PS256', 'ed25519', 'ED25519', 'eddsa', 'Ed448', 'Ed25519 ', 'EdDSA\u0000'])(
    'alg %j outside the allow-list',
    async (alg) => {
      expect(await codeOf(verify(await assertion({ header: { alg } })))).toBe('TOKEN_INVALID');
    },
  );

  it('alg ES256 over an Ed25519 key, and Ed25519 or EdDSA over a P-256 key', async () => {
    // The Ed25519 key signs, the header claims ES256: no EC key is registered under that kid.
    expect(await codeOf(verify(await assertion({ header: { alg: 'ES256' } })))).toBe('TOKEN_UNKNOWN_KEY');
    expect(await codeOf(verify(await assertion({ header: { alg: 'ES256', kid: undefined } })))).toBe(
      'TOKEN_UNKNOWN_KEY',
    );
    for (const alg of ['Ed25519', 'EdDSA']) {
      const token = await assertion({
        key: otherServiceKey,
        header: { alg },
        payload: { iss: OTHER_CLIENT_ID, sub: OTHER_CLIENT_ID },
      });
      expect(await codeOf(verify(token))).toBe('TOKEN_UNKNOWN_KEY');
    }
  });

  it('an Ed25519 key registered for another algorithm is not used for Ed25519 or EdDSA', async () => {
    registry.set(CLIENT_ID, [{ ...serviceKey.publicJwk, alg: 'ES256' }]);
    for (const alg of ['Ed25519', 'EdDSA']) {
      expect(await codeOf(verify(await assertion({ header: { alg } })))).toBe('TOKEN_UNKNOWN_KEY');
    }
  });

  it.each(['at+jwt', 'officer+jwt', 'consent-receipt+jwt', 'webhook+jwt', 'secevent+jwt'])('typ %s', async (typ) => {
    expect(await codeOf(verify(await assertion({ header: { typ } })))).toBe('TOKEN_WRONG_KIND');
  });

  it('an embedded jwk with the attacker’s key, under the service’s kid or the attacker’s', async () => {
    const attacker = createEd25519Key();
    for (const kid of [serviceKey.kid, attacker.kid]) {
      const token = await assertion({ header: { kid, jwk: attacker.publicJwk }, signer: attacker.signer });
      expect(['TOKEN_INVALID', 'TOKEN_UNKNOWN_KEY']).toContain(await codeOf(verify(token)));
    }
  });

  it('a jku header, which is never fetched', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const attacker = createEd25519Key();
    const token = await assertion({
      header: { kid: attacker.kid, jku: 'https://attacker.invalid/jwks' },
      signer: attacker.signer,
    });
    expect(await codeOf(verify(token))).toBe('TOKEN_UNKNOWN_KEY');
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it.each(['../../etc/passwd', "' OR 1=1 --", `${'A'.repeat(43)}/..`])('kid injection %#', async (kid) => {
    expect(await codeOf(verify(await assertion({ header: { kid } })))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('a client id with injection characters reaches the resolver only as a bounded string', async () => {
    expect(await codeOf(verify(await assertion({ payload: { iss: "x' OR 1=1 --", sub: "x' OR 1=1 --" } })))).toBe(
      'TOKEN_INVALID',
    );
    expect(await codeOf(verify(await assertion({ payload: { iss: 'a'.repeat(300), sub: 'a'.repeat(300) } })))).toBe(
      'TOKEN_INVALID',
    );
    expect(await codeOf(verify(await assertion({ payload: { iss: { $ne: null } } })))).toBe('TOKEN_INVALID');
    expect(resolveServiceKeys).not.toHaveBeenCalled();
  });

  it('a tampered payload', async () => {
    const token = tamperPayload(await assertion(), (payload) => ({ ...payload, exp: t + 120 }));
    expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
  });

  it('registered keys that are private or symmetric are never used', async () => {
    const jwk = serviceKey.privateKey.export({ format: 'jwk' });
    registry.set(CLIENT_ID, [
      { ...jwk, kid: serviceKey.kid },
      { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' },
    ]);
    expect(await codeOf(verify(await assertion()))).toBe('TOKEN_UNKNOWN_KEY');
    registry.set(CLIENT_ID, [serviceKey.publicJwk, { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }]);
    const hmac = await assertion({ header: { alg: 'HS256', kid: 'hmac' }, signer: hs256Signer('secret') });
    expect(await codeOf(verify(hmac))).toBe('TOKEN_INVALID');
  });

  it('a hub access token presented as a client assertion', async () => {
    const hub = await createTestHub();
    const accessToken = await serviceAccessKind.issue(hub, NOW);
    expect(['TOKEN_UNKNOWN_KEY', 'TOKEN_INVALID']).toContain(await codeOf(verify(accessToken)));
  });

  it('garbage', async () => {
    for (const token of ['', 'a.b', 42, null, `${'a'.repeat(9000)}.b.c`]) {
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    }
  });
});

describe('a refusal explains itself (for development servers)', () => {
  it('names both accepted audiences and the one received', async () => {
    const detail = await detailOf(verify(await assertion({ payload: { aud: 'http://127.0.0.1:4000/oauth/token' } })));
    expect(detail).toContain(`"${ISSUER}" (the issuer)`);
    expect(detail).toContain(`"${TOKEN_ENDPOINT_URL}" (the token endpoint)`);
    expect(detail).toContain('"http://127.0.0.1:4000/oauth/token"');
  });

  it('lists the accepted algorithms', async () => {
    expect(await detailOf(verify(await assertion({ header: { alg: 'ed25519' } })))).toBe(
      'alg "ed25519" is not accepted; sign with one of Ed25519, EdDSA, ES256 (exact spelling).',
    );
  });

  it.each<[string, AssertionOptions, RegExp]>([
    ['a missing claim', { payload: { jti: undefined } }, /^the jti claim is missing/],
    ['iss ≠ sub', { payload: { sub: OTHER_CLIENT_ID } }, /^sub must equal iss, the client id "daycare-app"/],
    [
      'an expired assertion',
      { payload: { iat: t - 200, exp: t - 60 } },
      /^exp \d+ \(2026-03-02T09:59:00.000Z\) has passed/,
    ],
    ['a future nbf', { payload: { nbf: t + 60 } }, /^nbf .* lies in the future \(server time 2026-03-02T10:00:00.000Z/],
    ['a long lifetime', { payload: { exp: t + 3600 } }, /^exp − iat is 3600 s/],
    ['a wrong typ', { header: { typ: 'at+jwt' } }, /^typ "at\+jwt" is not a client assertion's/],
    ['an unknown kid', { header: { kid: 'nope' } }, /^no key registered for client "daycare-app" matches kid "nope"/],
    ['a bad signature', { signer: createEd25519Key().signer }, /^the signature does not verify/],
    ['an unknown client', { payload: { iss: 'nobody', sub: 'nobody' } }, /^no active service with client id "nobody"/],
  ])('%s', async (_name, options, expected) => {
    expect(await detailOf(verify(await assertion(options)))).toMatch(expected);
  });

  it('a replay and garbage', async () => {
    const token = await assertion({ payload: { jti: 'once' } });
    await verify(token);
    expect(await detailOf(verify(token))).toMatch(/^jti "once" was used before/);
    expect(await detailOf(verify('not a jws'))).toMatch(/^client_assertion must be a compact JWS/);
  });
});

describe('createMemoryJtiStore', () => {
  it('forgets a jti once it has expired, and only then', async () => {
    const store = createMemoryJtiStore();
    const expiresAt = later(NOW, 60);
    expect(await store.remember({ jti: 'j', clientId: 'c', expiresAt, now: NOW })).toBe(true);
    expect(await store.remember({ jti: 'j', clientId: 'c', expiresAt, now: later(NOW, 59) })).toBe(false);
    expect(await store.remember({ jti: 'j', clientId: 'c', expiresAt, now: later(NOW, 60) })).toBe(true);
  });
});
