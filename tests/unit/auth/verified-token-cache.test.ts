// A service access token verified once is not verified again while it lives — but nothing
// that would refuse it without the cache may be skipped: expiry, the signing key's
// retirement or purge, another hub's issuer or audience, a single changed byte.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createHubContext,
  ROTATION_GRACE_SECONDS,
  SERVICE_ACCESS_TOKEN_DEFAULT_SECONDS,
  verifyServiceAccessToken,
} from '../../../api/src/auth/index.js';
import { VerifiedTokenCache } from '../../../api/src/auth/verified-token-cache.js';
import { codeOf, createTestHub, later, NOW, toSeconds } from './support/hub-fixture.js';
import { forgeHubToken, serviceAccessKind } from './support/hub-kinds.js';

const verify = (hub: Awaited<ReturnType<typeof createTestHub>>, token: string, at: Date) =>
  verifyServiceAccessToken(hub, token, { now: at });

describe('verified service access tokens', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are checked by signature once, then answered from memory with the same claims', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    const signatureChecks = vi.spyOn(crypto.subtle, 'verify');
    const first = await verify(hub, token, later(NOW, 1));
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    const again = await verify(hub, token, later(NOW, 60));
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    expect(again).toEqual(first);
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('expire as they would without the cache', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    expect(await codeOf(verify(hub, token, later(NOW, 1)))).toBe('RESOLVED');
    expect(await codeOf(verify(hub, token, later(NOW, SERVICE_ACCESS_TOKEN_DEFAULT_SECONDS + 11)))).toBe(
      'TOKEN_EXPIRED',
    );
  });

  it('are verified afresh, not refused, inside the clock tolerance past expiry', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    await verify(hub, token, NOW);
    const signatureChecks = vi.spyOn(crypto.subtle, 'verify');
    expect(await codeOf(verify(hub, token, later(NOW, SERVICE_ACCESS_TOKEN_DEFAULT_SECONDS + 5)))).toBe('RESOLVED');
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });

  it('are refused once their signing key is retired past its date, or purged', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    expect(await codeOf(verify(hub, token, NOW))).toBe('RESOLVED');
    await hub.keys.rotateKeys({ now: NOW, maxTokenLifetimeSeconds: 60 });
    expect(await codeOf(verify(hub, token, later(NOW, 30)))).toBe('RESOLVED');
    // retireAfter = rotation + 60 s + grace (120 s): the token itself lives 300 s.
    const pastRetirement = later(NOW, 60 + ROTATION_GRACE_SECONDS);
    expect(60 + ROTATION_GRACE_SECONDS).toBeLessThan(SERVICE_ACCESS_TOKEN_DEFAULT_SECONDS);
    expect(await codeOf(verify(hub, token, pastRetirement))).toBe('TOKEN_UNKNOWN_KEY');

    const purgedHub = await createTestHub();
    const purgedToken = await serviceAccessKind.issue(purgedHub, NOW);
    expect(await codeOf(verify(purgedHub, purgedToken, NOW))).toBe('RESOLVED');
    const oldKid = purgedHub.keys.listKeys().find((k) => k.state === 'current')?.kid as string;
    await purgedHub.keys.rotateKeys({ now: NOW });
    await purgedHub.keys.purgeKey(oldKid);
    expect(await codeOf(verify(purgedHub, purgedToken, later(NOW, 1)))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('count for the hub that verified them only', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    expect(await codeOf(verify(hub, token, NOW))).toBe('RESOLVED');
    const elsewhere = createHubContext({
      keys: hub.keys,
      issuer: 'https://other.example.invalid',
      graphqlUrl: 'https://other.example.invalid/graphql',
    });
    expect(await codeOf(verify(elsewhere, token, NOW))).not.toBe('RESOLVED');
  });

  it('do not vouch for a token one byte away', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    expect(await codeOf(verify(hub, token, NOW))).toBe('RESOLVED');
    // A character inside the signature (the last ones carry padding bits base64url ignores).
    const at = token.length - 20;
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(await codeOf(verify(hub, tampered, NOW))).toBe('TOKEN_INVALID');
  });

  it('are not answered from memory before their iat', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    expect(await codeOf(verify(hub, token, later(NOW, 5)))).toBe('RESOLVED');
    // 20 s before iat is past the 10 s tolerance: refused, as without the cache.
    expect(await codeOf(verify(hub, token, later(NOW, -20)))).toBe('TOKEN_NOT_YET_VALID');
  });

  it('are not answered from memory before their nbf', async () => {
    // The hub sets no nbf; one it signed with an nbf (a future issuer) must still hold.
    const hub = await createTestHub();
    const t = toSeconds(NOW);
    const token = await forgeHubToken(hub, serviceAccessKind, NOW, { payload: { nbf: t + 20, exp: t + 300 } });
    // Verified 10 s before nbf, inside the tolerance, so it is remembered...
    expect(await codeOf(verify(hub, token, later(NOW, 10)))).toBe('RESOLVED');
    // ...but 15 s before nbf it is refused, as without the cache.
    expect(await codeOf(verify(hub, token, later(NOW, 5)))).toBe('TOKEN_NOT_YET_VALID');
  });

  it('are not remembered when verification fails', async () => {
    const hub = await createTestHub();
    const token = await serviceAccessKind.issue(hub, NOW);
    expect(await codeOf(verify(hub, token, later(NOW, 3600)))).toBe('TOKEN_EXPIRED');
    const signatureChecks = vi.spyOn(crypto.subtle, 'verify');
    expect(await codeOf(verify(hub, token, later(NOW, 1)))).toBe('RESOLVED');
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });
});

describe('the verified-token cache', () => {
  const entry = (n: number) => ({ value: n, kid: 'k', from: 100, until: 200 });

  it('holds at most its bound, dropping the oldest first', () => {
    const cache = new VerifiedTokenCache<number>(3);
    for (let i = 0; i < 5; i++) cache.remember(`token-${i}`, entry(i));
    expect(cache.size).toBe(3);
    expect(cache.get('token-0', 150)).toBeUndefined();
    expect(cache.get('token-1', 150)).toBeUndefined();
    expect(cache.get('token-4', 150)?.value).toBe(4);
  });

  it('answers only strictly inside the window, and forgets what fell outside', () => {
    const cache = new VerifiedTokenCache<number>();
    cache.remember('t', entry(1));
    expect(cache.get('t', 99.9)).toBeUndefined();
    cache.remember('t', entry(1));
    expect(cache.get('t', 100)?.value).toBe(1);
    expect(cache.get('t', 199.99)?.value).toBe(1);
    expect(cache.get('t', 200)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing with an empty window', () => {
    const cache = new VerifiedTokenCache<number>();
    cache.remember('t', { value: 1, kid: 'k', from: 200, until: 200 });
    expect(cache.size).toBe(0);
  });
});
