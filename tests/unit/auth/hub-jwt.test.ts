// The shared signer and verifier of hub JWTs at their edges: the lifetime a credential may
// be signed with, the shape check before any decoding, and the future-iat rule for
// evidence. The kinds' own tests go through these with valid inputs; a mutation run
// (docs/reliability.md) showed the edges themselves untested.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_SECONDS, MAX_TOKEN_LENGTH } from '../../../api/src/auth/hub-context.js';
import {
  assertCompactJws,
  type HubJwtPolicy,
  issueHubCredential,
  signHubJwt,
  verifyHubJwt,
} from '../../../api/src/auth/hub-jwt.js';
import type { HubContext } from '../../../api/src/auth/index.js';
import { TokenError } from '../../../api/src/auth/token-error.js';
import { codeOf, createTestHub, ISSUER, later, NOW, toSeconds } from './support/hub-fixture.js';

const credential: HubJwtPolicy = {
  typ: 'test-credential+jwt',
  audience: `${ISSUER}/test`,
  keyUse: 'short-lived',
  maxLifetimeSeconds: 300,
  requiredClaims: [],
};

const evidence: HubJwtPolicy = {
  typ: 'test-evidence+jwt',
  audience: `${ISSUER}/evidence`,
  keyUse: 'long-lived',
  maxLifetimeSeconds: undefined,
  requiredClaims: [],
};

const hub = (): Promise<HubContext> => createTestHub();

describe('signing a credential', () => {
  it.each([0, -1, 301, 1.5, Number.NaN])(
    'refuses a lifetime of %s seconds, naming the allowed range',
    async (lifetime) => {
      await expect(signHubJwt(await hub(), credential, {}, { now: NOW, lifetimeSeconds: lifetime })).rejects.toThrow(
        new RangeError('A test-credential+jwt token lives 1 to 300 seconds'),
      );
    },
  );

  it.each([1, 300])('accepts the edge lifetime of %s seconds and dates exp by it', async (lifetime) => {
    const signed = await signHubJwt(await hub(), credential, {}, { now: NOW, lifetimeSeconds: lifetime });
    expect(decodeJwt(signed.token).exp).toBe(toSeconds(NOW) + lifetime);
    expect(signed.expiresAt).toEqual(later(NOW, lifetime));
  });

  it('lives the longest allowed lifetime when none is asked for', async () => {
    const signed = await signHubJwt(await hub(), credential, {}, { now: NOW });
    expect(decodeJwt(signed.token).exp).toBe(toSeconds(NOW) + 300);
  });

  it('dates iat to the whole second and sets iss, aud, typ and kid itself', async () => {
    const h = await hub();
    const now = new Date(NOW.getTime() + 999);
    const signed = await signHubJwt(h, credential, { iss: 'elsewhere', aud: 'elsewhere', sub: 's' }, { now });
    expect(decodeJwt(signed.token)).toMatchObject({
      iss: ISSUER,
      aud: credential.audience,
      sub: 's',
      iat: toSeconds(NOW),
    });
    expect(signed.issuedAt).toEqual(NOW);
    const header = decodeProtectedHeader(signed.token);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: credential.typ });
    expect(header.kid).toEqual(expect.any(String));
  });

  it('issues under a fresh jti with expires_in in seconds', async () => {
    const h = await hub();
    const a = await issueHubCredential(h, credential, {}, { now: NOW, lifetimeSeconds: 120 });
    const b = await issueHubCredential(h, credential, {}, { now: NOW, lifetimeSeconds: 120 });
    expect(a.expiresIn).toBe(120);
    expect(a.expiresAt).toEqual(later(NOW, 120));
    expect(decodeJwt(a.token).jti).toBe(a.jti);
    expect(a.jti).not.toBe(b.jti);
  });
});

describe('signing evidence', () => {
  it('carries no exp', async () => {
    const signed = await signHubJwt(await hub(), evidence, {}, { now: NOW });
    expect(decodeJwt(signed.token).exp).toBeUndefined();
    expect(signed.expiresAt).toBeUndefined();
  });

  it('refuses a lifetime, saying that it does not expire', async () => {
    await expect(signHubJwt(await hub(), evidence, {}, { now: NOW, lifetimeSeconds: 60 })).rejects.toThrow(
      new RangeError('A test-evidence+jwt token does not expire'),
    );
  });

  it('cannot be issued as a credential, with a lifetime or (from untyped code) without one', async () => {
    const h = await hub();
    await expect(issueHubCredential(h, evidence, {}, { now: NOW, lifetimeSeconds: 60 })).rejects.toThrow(RangeError);
    const noLifetime = { now: NOW } as { now: Date; lifetimeSeconds: number };
    await expect(issueHubCredential(h, evidence, {}, noLifetime)).rejects.toThrow(
      new Error('A test-evidence+jwt token must expire'),
    );
  });
});

describe('verifying', () => {
  it('accepts evidence dated up to the clock tolerance ahead, and refuses it one second further', async () => {
    const h = await hub();
    const atEdge = await signHubJwt(h, evidence, {}, { now: later(NOW, CLOCK_TOLERANCE_SECONDS) });
    expect((await verifyHubJwt(h, evidence, atEdge.token, NOW)).iat).toBe(toSeconds(NOW) + CLOCK_TOLERANCE_SECONDS);
    const beyond = await signHubJwt(h, evidence, {}, { now: later(NOW, CLOCK_TOLERANCE_SECONDS + 1) });
    expect(await codeOf(verifyHubJwt(h, evidence, beyond.token, NOW))).toBe('TOKEN_NOT_YET_VALID');
  });

  it('requires exp of a credential and not of evidence', async () => {
    const h = await hub();
    const noExp = await signHubJwt(h, { ...credential, maxLifetimeSeconds: undefined }, {}, { now: NOW });
    expect(await codeOf(verifyHubJwt(h, credential, noExp.token, NOW))).toBe('TOKEN_MISSING_CLAIM');
    // The same token under a policy that differs only in having no lifetime: accepted.
    const asEvidence: HubJwtPolicy = { ...credential, maxLifetimeSeconds: undefined };
    expect(await codeOf(verifyHubJwt(h, asEvidence, noExp.token, NOW))).toBe('RESOLVED');
  });

  it("requires the policy's own claims", async () => {
    const h = await hub();
    const signed = await signHubJwt(h, credential, {}, { now: NOW });
    expect(await codeOf(verifyHubJwt(h, { ...credential, requiredClaims: ['sub'] }, signed.token, NOW))).toBe(
      'TOKEN_MISSING_CLAIM',
    );
  });
});

describe('the compact-JWS shape check', () => {
  const valid = 'aGVhZGVy.cGF5bG9hZA.c2ln';

  it('passes three base64url parts through unchanged, the signature possibly empty', () => {
    expect(assertCompactJws(valid)).toBe(valid);
    expect(assertCompactJws('a-_.b.')).toBe('a-_.b.');
  });

  it.each([
    ['a prefix', ` ${valid}`],
    ['a suffix', `${valid} `],
    ['a fourth part', `${valid}.x`],
    ['two parts', 'aGVhZGVy.cGF5bG9hZA'],
    ['an empty header', '.cGF5bG9hZA.c2ln'],
    ['an empty payload', 'aGVhZGVy..c2ln'],
    ['padding', 'aGVhZGVy.cGF5bG9hZA==.c2ln'],
    ['a non-string', 42],
    // Not a string, though its text is a well-shaped token: jose must never be handed it.
    ['an object that reads as a token', { toString: () => valid }],
  ])('refuses %s', (_, token) => {
    expect(() => assertCompactJws(token)).toThrow(TokenError);
  });

  it(`accepts ${MAX_TOKEN_LENGTH} characters and refuses one more`, () => {
    const atLimit = `${'a'.repeat(MAX_TOKEN_LENGTH - 4)}.b.c`;
    expect(atLimit).toHaveLength(MAX_TOKEN_LENGTH);
    expect(assertCompactJws(atLimit)).toBe(atLimit);
    expect(() => assertCompactJws(`a${atLimit}`)).toThrow(TokenError);
  });

  it('refuses with TOKEN_INVALID', () => {
    try {
      assertCompactJws('not a token');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'TokenError', code: 'TOKEN_INVALID' });
    }
  });
});
