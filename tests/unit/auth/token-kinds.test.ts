// A token of one kind never passes as another (SECURITY.md), plus what each kind's own
// issue/verify pair promises beyond the shared matrix.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryJtiStore,
  HUB_TOKEN_TYPES,
  type HubContext,
  hubAudiences,
  issueOfficerToken,
  issueServiceAccessToken,
  ROTATION_GRACE_SECONDS,
  signConsentReceipt,
  signHubJws,
  verifyClientAssertion,
  verifyConsentReceipt,
  verifyHubJws,
  verifyOfficerToken,
  verifyServiceAccessToken,
} from '../../../api/src/auth/index.js';
import { createEd25519Key, decodePart, forgeJws } from './support/forge-jws.js';
import {
  codeOf,
  createTestHub,
  GRAPHQL_URL,
  ISSUER,
  later,
  NOW,
  TOKEN_ENDPOINT_URL,
  toSeconds,
} from './support/hub-fixture.js';
import { forgeHubToken, HUB_KINDS, officerKind, serviceAccessKind } from './support/hub-kinds.js';

let hub: HubContext;
beforeEach(async () => {
  hub = await createTestHub();
});

describe('kinds are distinct', () => {
  it('every kind has its own typ and its own audience', () => {
    const typs = Object.values(HUB_TOKEN_TYPES);
    expect(new Set(typs).size).toBe(typs.length);
    const audiences = [...Object.values(hubAudiences(hub)), HUB_KINDS[3]?.audience(hub), HUB_KINDS[4]?.audience(hub)];
    expect(new Set(audiences).size).toBe(audiences.length);
  });

  describe.each(HUB_KINDS)('a $name', (issued) => {
    it.each(HUB_KINDS.filter((other) => other !== issued))('is refused as a $name', async (verifier) => {
      const token = await issued.issue(hub, NOW);
      expect(await codeOf(verifier.verify(hub, token, NOW))).toBe('TOKEN_WRONG_KIND');
    });

    it('is refused as a client assertion', async () => {
      const token = await issued.issue(hub, NOW);
      const service = createEd25519Key();
      const result = verifyClientAssertion(token, {
        issuer: ISSUER,
        tokenEndpointUrl: TOKEN_ENDPOINT_URL,
        resolveServiceKeys: async () => [service.publicJwk],
        jtiStore: createMemoryJtiStore(),
        now: NOW,
      });
      expect(['TOKEN_INVALID', 'TOKEN_UNKNOWN_KEY', 'TOKEN_WRONG_KIND']).toContain(await codeOf(result));
    });
  });

  it('a token with another kind’s typ but this kind’s audience is still refused', async () => {
    // Belt and braces: an officer-typed token aimed at the GraphQL audience.
    const token = await forgeHubToken(hub, officerKind, NOW, { payload: { aud: GRAPHQL_URL } });
    expect(await codeOf(verifyServiceAccessToken(hub, token, { now: NOW }))).toBe('TOKEN_WRONG_KIND');
    expect(await codeOf(verifyOfficerToken(hub, token, { now: NOW }))).toBe('TOKEN_INVALID');
  });

  it('a client assertion is refused by every hub verifier', async () => {
    const service = createEd25519Key();
    const t = toSeconds(NOW);
    const assertion = await forgeJws(
      { alg: 'EdDSA', kid: service.kid, typ: 'JWT' },
      { iss: 'daycare-app', sub: 'daycare-app', aud: TOKEN_ENDPOINT_URL, jti: 'x', iat: t, exp: t + 60 },
      service.signer,
    );
    for (const kind of HUB_KINDS) expect(await codeOf(kind.verify(hub, assertion, NOW))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('the same hub statement verified as a checkpoint and as a webhook', async () => {
    const checkpoint = await signHubJws(hub, { typ: 'audit-checkpoint+jwt', audience: 'a', payload: {} }, { now: NOW });
    expect(await codeOf(verifyHubJws(hub, checkpoint, { typ: 'webhook+jwt', audience: 'a', now: NOW }))).toBe(
      'TOKEN_WRONG_KIND',
    );
  });
});

describe('service access token', () => {
  const input = {
    serviceId: 'service-1',
    clientId: 'daycare-app',
    organisationId: 'org-1',
    purpose: 'daycare-application',
    purposeVersion: 'purpose-version-1',
  };

  it('carries the RFC 9068 header and claims, 5 minutes by default', async () => {
    const issued = await issueServiceAccessToken(hub, input, { now: NOW });
    expect(issued.expiresIn).toBe(300);
    expect(decodePart(issued.token, 0)).toEqual({
      alg: 'EdDSA',
      typ: 'at+jwt',
      kid: (await hub.keys.signingKey()).kid,
    });
    expect(decodePart(issued.token, 1)).toEqual({
      iss: ISSUER,
      aud: GRAPHQL_URL,
      sub: 'service-1',
      client_id: 'daycare-app',
      org: 'org-1',
      purpose: 'daycare-application',
      purpose_version: 'purpose-version-1',
      jti: issued.jti,
      iat: toSeconds(NOW),
      exp: toSeconds(NOW) + 300,
    });
    await expect(verifyServiceAccessToken(hub, issued.token, { now: later(NOW, 299) })).resolves.toEqual({
      ...input,
      jti: issued.jti,
      issuedAt: NOW,
      expiresAt: later(NOW, 300),
    });
    expect(await codeOf(verifyServiceAccessToken(hub, issued.token, { now: later(NOW, 311) }))).toBe('TOKEN_EXPIRED');
  });

  it('lives at most 10 minutes', async () => {
    await expect(issueServiceAccessToken(hub, input, { now: NOW, lifetimeSeconds: 600 })).resolves.toMatchObject({
      expiresIn: 600,
    });
    await expect(issueServiceAccessToken(hub, input, { now: NOW, lifetimeSeconds: 601 })).rejects.toThrow(RangeError);
    await expect(issueServiceAccessToken(hub, input, { now: NOW, lifetimeSeconds: 0 })).rejects.toThrow(RangeError);
  });

  it('a fresh jti every time', async () => {
    const first = await issueServiceAccessToken(hub, input, { now: NOW });
    const second = await issueServiceAccessToken(hub, input, { now: NOW });
    expect(first.jti).not.toBe(second.jti);
  });

  it('refuses to issue with an empty or whitespace claim', async () => {
    await expect(issueServiceAccessToken(hub, { ...input, purpose: '' }, { now: NOW })).rejects.toThrow();
    await expect(issueServiceAccessToken(hub, { ...input, serviceId: 'a b' }, { now: NOW })).rejects.toThrow();
  });

  it.each(['sub', 'client_id', 'org', 'purpose', 'purpose_version', 'jti'])(
    'refuses a token without %s',
    async (claim) => {
      const token = await forgeHubToken(hub, serviceAccessKind, NOW, { payload: { [claim]: undefined } });
      expect(await codeOf(verifyServiceAccessToken(hub, token, { now: NOW }))).toBe('TOKEN_MISSING_CLAIM');
    },
  );

  it('refuses a token whose purpose is not a string', async () => {
    const token = await forgeHubToken(hub, serviceAccessKind, NOW, { payload: { purpose: ['a', 'b'] } });
    expect(await codeOf(verifyServiceAccessToken(hub, token, { now: NOW }))).toBe('TOKEN_INVALID');
  });
});

describe('officer token', () => {
  it('carries roles, scopes and the session, 10 minutes by default', async () => {
    const issued = await issueOfficerToken(
      hub,
      { officerId: 'officer-1', roles: ['AUDITOR'], sessionId: 'session-1', organisationId: 'org-1' },
      { now: NOW },
    );
    expect(issued.expiresIn).toBe(600);
    expect(decodePart(issued.token, 0)).toMatchObject({ typ: 'officer+jwt' });
    expect(decodePart(issued.token, 1)).toMatchObject({
      aud: `${ISSUER}/officer`,
      sid: 'session-1',
      roles: ['AUDITOR'],
    });
    await expect(verifyOfficerToken(hub, issued.token, { now: NOW })).resolves.toEqual({
      officerId: 'officer-1',
      roles: ['AUDITOR'],
      scopes: [
        'organisation:read',
        'service:read',
        'purpose:read',
        'audit:read',
        'audit:verify',
        'audit:export',
        'notice:read',
      ],
      sessionId: 'session-1',
      organisationId: 'org-1',
      jti: issued.jti,
      issuedAt: NOW,
      expiresAt: later(NOW, 600),
    });
  });

  it('lives at most 10 minutes and needs a role', async () => {
    const input = { officerId: 'officer-1', roles: ['ADMIN' as const], sessionId: 'session-1' };
    await expect(issueOfficerToken(hub, input, { now: NOW, lifetimeSeconds: 601 })).rejects.toThrow(RangeError);
    await expect(issueOfficerToken(hub, { ...input, roles: [] }, { now: NOW })).rejects.toThrow();
  });

  it('grants only the scopes its roles still grant', async () => {
    const token = await forgeHubToken(hub, officerKind, NOW, {
      payload: { roles: ['AUDITOR'], scope: 'audit:read officer:write resident:lookup' },
    });
    await expect(verifyOfficerToken(hub, token, { now: NOW })).resolves.toMatchObject({ scopes: ['audit:read'] });
  });

  it('is refused once its signing key is retired past its date, though it has not expired', async () => {
    const token = await officerKind.issue(hub, NOW);
    await hub.keys.rotateKeys({ now: NOW, maxTokenLifetimeSeconds: 60 });
    expect(await codeOf(verifyOfficerToken(hub, token, { now: later(NOW, 30) }))).toBe('RESOLVED');
    // retireAfter = rotation + 60 s + grace; the officer token itself lives 10 minutes.
    expect(60 + ROTATION_GRACE_SECONDS).toBeLessThan(600);
    const pastRetirement = later(NOW, 60 + ROTATION_GRACE_SECONDS);
    expect(await codeOf(verifyOfficerToken(hub, token, { now: pastRetirement }))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('reads scope as space-delimited, stray spaces and all (RFC 8693 §4.2)', async () => {
    const token = await forgeHubToken(hub, officerKind, NOW, { payload: { scope: ' purpose:read  ' } });
    await expect(verifyOfficerToken(hub, token, { now: NOW })).resolves.toMatchObject({ scopes: ['purpose:read'] });
  });

  it.each([
    ['an unknown role', { roles: ['ROOT'] }],
    ['no roles', { roles: [] }],
    ['an unknown scope', { scope: 'audit:read everything:write' }],
    ['scope as an array', { scope: ['audit:read'] }],
  ])('refuses %s', async (_label, payload) => {
    const token = await forgeHubToken(hub, officerKind, NOW, { payload });
    expect(await codeOf(verifyOfficerToken(hub, token, { now: NOW }))).toBe('TOKEN_INVALID');
  });

  it.each(['sub', 'roles', 'scope', 'sid', 'jti'])('refuses a token without %s', async (claim) => {
    const token = await forgeHubToken(hub, officerKind, NOW, { payload: { [claim]: undefined } });
    expect(await codeOf(verifyOfficerToken(hub, token, { now: NOW }))).toBe('TOKEN_MISSING_CLAIM');
  });
});

describe('consent receipt', () => {
  it('round-trips every field and stays verifiable years later', async () => {
    const input = {
      consentEventId: 'consent-event-9',
      consentId: 'consent-9',
      residentId: 'resident-9',
      purposeId: 'purpose-9',
      purposeVersionId: 'purpose-version-9',
      event: 'WITHDRAWN' as const,
      channel: 'OFFICER' as const,
      actorKind: 'OFFICER' as const,
      actorId: 'officer-3',
      occurredAt: new Date('2026-03-02T09:59:00.000Z'),
      consentExpiresAt: new Date('2027-03-02T00:00:00.000Z'),
      wordingSha256: 'c'.repeat(64),
      consentRecord: { schema_version: 'ISO/IEC TS 27560:2023', status: 'dpv:ConsentWithdrawn' },
    };
    const jws = await signConsentReceipt(hub, input, { now: NOW });
    expect(decodePart(jws, 1)).not.toHaveProperty('exp');
    await expect(verifyConsentReceipt(hub, jws, { now: later(NOW, 5 * 365 * 86_400) })).resolves.toEqual({
      ...input,
      issuedAt: NOW,
    });
  });
});

describe('hub JWS', () => {
  it('refuses to sign types outside its list, and registered claims from the payload', async () => {
    for (const typ of ['at+jwt', 'officer+jwt', 'consent-receipt+jwt', 'JWT', 'constructor', '__proto__']) {
      await expect(
        signHubJws(hub, { typ: typ as 'webhook+jwt', audience: 'daycare-app', payload: {} }, { now: NOW }),
      ).rejects.toThrow(TypeError);
    }
    for (const claim of ['iss', 'aud', 'exp', 'iat', 'nbf', 'jti']) {
      await expect(
        signHubJws(hub, { typ: 'webhook+jwt', audience: 'daycare-app', payload: { [claim]: 1 } }, { now: NOW }),
      ).rejects.toThrow(TypeError);
    }
  });

  it('a webhook lives 5 minutes and is bound to its receiver', async () => {
    const jws = await signHubJws(hub, { typ: 'webhook+jwt', audience: 'daycare-app', payload: { n: 1 } }, { now: NOW });
    const verified = await verifyHubJws(hub, jws, { typ: 'webhook+jwt', audience: 'daycare-app', now: NOW });
    expect(verified).toMatchObject({
      payload: { n: 1, aud: 'daycare-app' },
      issuedAt: NOW,
      expiresAt: later(NOW, 300),
    });
    expect(await codeOf(verifyHubJws(hub, jws, { typ: 'webhook+jwt', audience: 'course-booking', now: NOW }))).toBe(
      'TOKEN_INVALID',
    );
    expect(
      await codeOf(verifyHubJws(hub, jws, { typ: 'webhook+jwt', audience: 'daycare-app', now: later(NOW, 311) })),
    ).toBe('TOKEN_EXPIRED');
  });

  it('a checkpoint does not expire', async () => {
    const jws = await signHubJws(
      hub,
      { typ: 'audit-checkpoint+jwt', audience: 'audit', payload: { seq: '7' } },
      { now: NOW },
    );
    const verified = await verifyHubJws(hub, jws, {
      typ: 'audit-checkpoint+jwt',
      audience: 'audit',
      now: later(NOW, 1e8),
    });
    expect(verified.expiresAt).toBeUndefined();
  });
});
