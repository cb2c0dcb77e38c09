// Hub key states, rotation without failed requests, and the key files on disk.
import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryHubKeys,
  type HubKeys,
  loadHubKeys,
  MAX_SHORT_LIVED_TOKEN_SECONDS,
  ROTATION_GRACE_SECONDS,
} from '../../../api/src/auth/index.js';
import { decodePart, ed25519Signer, forgeJws, hubKeySigner, thumbprint } from './support/forge-jws.js';
import { codeOf, createTestHub, hubWith, later, NOW, toSeconds } from './support/hub-fixture.js';
import { consentReceiptKind, forgeHubToken, HUB_KINDS, serviceAccessKind } from './support/hub-kinds.js';

const statesOf = (keys: HubKeys) => keys.listKeys().map(({ state }) => state);
const kidOf = (keys: HubKeys, state: string) => keys.listKeys().find((key) => key.state === state)?.kid ?? '';

describe('hub keys in memory', () => {
  it('start with a current and a next key, both published, public halves only', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    expect(statesOf(keys).sort()).toEqual(['current', 'next']);
    const jwks = await keys.jwks();
    expect(jwks.keys).toHaveLength(2);
    for (const jwk of jwks.keys) {
      expect(Object.keys(jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(jwk.kid).toBe(thumbprint(jwk));
    }
  });

  it('sign with a non-extractable current key', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    const signing = await keys.signingKey();
    expect(signing.kid).toBe(kidOf(keys, 'current'));
    expect(signing.privateKey.extractable).toBe(false);
  });

  it('publish the next key before it signs anything', async () => {
    const hub = await createTestHub();
    const publishedBefore = (await hub.keys.jwks()).keys.map((key) => key.kid);
    const next = kidOf(hub.keys, 'next');
    const before = await serviceAccessKind.issue(hub, NOW);
    expect(decodePart(before, 0).kid).not.toBe(next);

    await hub.keys.rotateKeys({ now: NOW });
    const after = await serviceAccessKind.issue(hub, NOW);
    expect(decodePart(after, 0).kid).toBe(next);
    expect(publishedBefore).toContain(next);
  });

  it('rotate next → current → retired and add a fresh next', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    const [current, next] = [kidOf(keys, 'current'), kidOf(keys, 'next')];
    const rotatedAt = later(NOW, 3600);
    const summary = await keys.rotateKeys({ now: rotatedAt, maxTokenLifetimeSeconds: 600 });
    expect(summary.find((key) => key.kid === next)).toMatchObject({ state: 'current', activatedAt: rotatedAt });
    expect(summary.find((key) => key.kid === current)).toMatchObject({
      state: 'retired',
      retiredAt: rotatedAt,
      retireAfter: later(rotatedAt, 600 + ROTATION_GRACE_SECONDS),
    });
    const fresh = summary.find((key) => key.state === 'next');
    expect([current, next]).not.toContain(fresh?.kid);
    expect((await keys.jwks()).keys.map((key) => key.kid).sort()).toEqual([current, next, fresh?.kid].sort());
  });

  it('keep retired keys published through many rotations, until purged', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    for (let i = 0; i < 4; i++) await keys.rotateKeys({ now: NOW });
    expect(statesOf(keys).filter((state) => state === 'retired')).toHaveLength(4);
    expect((await keys.jwks()).keys).toHaveLength(6);
  });

  it('purge only retired keys', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    await expect(keys.purgeKey(kidOf(keys, 'current'))).rejects.toThrow(/only retired/);
    await expect(keys.purgeKey(kidOf(keys, 'next'))).rejects.toThrow(/only retired/);
    await expect(keys.purgeKey('A'.repeat(43))).rejects.toThrow(/No hub key/);
    await keys.rotateKeys({ now: NOW });
    const retired = kidOf(keys, 'retired');
    await keys.purgeKey(retired);
    expect((await keys.jwks()).keys.map((key) => key.kid)).not.toContain(retired);
  });

  describe.each(HUB_KINDS)('a $name signed before a rotation', (kind) => {
    it('still verifies after one rotation and after two', async () => {
      const hub = await createTestHub();
      const token = await kind.issue(hub, NOW);
      await hub.keys.rotateKeys({ now: later(NOW, 30) });
      expect(await codeOf(kind.verify(hub, token, later(NOW, 31)))).toBe('RESOLVED');
      await hub.keys.rotateKeys({ now: later(NOW, 60) });
      expect(await codeOf(kind.verify(hub, token, later(NOW, 61)))).toBe('RESOLVED');
    });
  });

  it('accept short-lived tokens from a retired key only until retireAfter; receipts for good', async () => {
    const hub = await createTestHub();
    const oldKey = await hub.keys.signingKey();
    await hub.keys.rotateKeys({ now: NOW });
    const retireAfter = later(NOW, MAX_SHORT_LIVED_TOKEN_SECONDS + ROTATION_GRACE_SECONDS);
    // Someone who copied the old private key before it was retired mints fresh tokens with it.
    const mint = (kind: typeof serviceAccessKind, at: Date) =>
      forgeHubToken(hub, kind, at, { header: { kid: oldKey.kid }, signer: hubKeySigner(oldKey) });

    const justBefore = later(retireAfter, -1);
    expect(await codeOf(serviceAccessKind.verify(hub, await mint(serviceAccessKind, justBefore), justBefore))).toBe(
      'RESOLVED',
    );
    expect(await codeOf(serviceAccessKind.verify(hub, await mint(serviceAccessKind, retireAfter), retireAfter))).toBe(
      'TOKEN_UNKNOWN_KEY',
    );
    const receipt = await mint(consentReceiptKind, NOW);
    const years = later(NOW, 10 * 365 * 86_400);
    expect(await codeOf(consentReceiptKind.verify(hub, receipt, years))).toBe('RESOLVED');
  });
});

describe('hub keys on disk', () => {
  let dataDir: string;
  let dir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-keys-'));
    dir = join(dataDir, 'keys');
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const mode = (path: string) => statSync(path).mode & 0o777;
  const privateFiles = () =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.private.json'))
      .sort();
  const ring = () =>
    JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as { keys: Array<{ kid: string; state: string }> };

  it('are created on first start: directory 0700, every file 0600, no secret in the ring', async () => {
    const keys = await loadHubKeys(dir, { now: NOW });
    expect(mode(dir)).toBe(0o700);
    expect(privateFiles()).toEqual(
      [`${kidOf(keys, 'current')}.private.json`, `${kidOf(keys, 'next')}.private.json`].sort(),
    );
    for (const name of readdirSync(dir)) expect(mode(join(dir, name))).toBe(0o600);
    expect(readFileSync(join(dir, 'keys.json'), 'utf8')).not.toMatch(/"d"/);
    expect(readdirSync(dir)).not.toContain('keys.lock');
  });

  it('are the same keys when loaded again', async () => {
    const first = await loadHubKeys(dir, { now: NOW });
    const second = await loadHubKeys(dir, { now: later(NOW, 60) });
    expect(second.listKeys()).toEqual(first.listKeys());
  });

  it('delete a key’s private file when it retires and on purge keep the rest', async () => {
    const keys = await loadHubKeys(dir, { now: NOW });
    const oldCurrent = kidOf(keys, 'current');
    await keys.rotateKeys({ now: NOW });
    expect(privateFiles()).toEqual(
      [`${kidOf(keys, 'current')}.private.json`, `${kidOf(keys, 'next')}.private.json`].sort(),
    );
    expect(ring().keys.map(({ kid, state }) => [kid, state])).toContainEqual([oldCurrent, 'retired']);
    for (const name of readdirSync(dir)) expect(mode(join(dir, name))).toBe(0o600);
    await keys.purgeKey(oldCurrent);
    expect(ring().keys.map(({ kid }) => kid)).not.toContain(oldCurrent);
  });

  it('refuse a private key file others can read', async () => {
    const keys = await loadHubKeys(dir, { now: NOW });
    chmodSync(join(dir, `${kidOf(keys, 'current')}.private.json`), 0o644);
    await expect(loadHubKeys(dir)).rejects.toThrow(/chmod 600/);
  });

  it('refuse a private key file that is a symlink', async () => {
    const keys = await loadHubKeys(dir, { now: NOW });
    const path = join(dir, `${kidOf(keys, 'next')}.private.json`);
    const elsewhere = join(dataDir, 'elsewhere.json');
    writeFileSync(elsewhere, readFileSync(path), { mode: 0o600 });
    rmSync(path);
    symlinkSync(elsewhere, path);
    await expect(loadHubKeys(dir)).rejects.toThrow(/not a regular file/);
  });

  it('refuse a ring whose kid is not the thumbprint of its key, or is a path', async () => {
    await loadHubKeys(dir, { now: NOW });
    const original = readFileSync(join(dir, 'keys.json'), 'utf8');
    const data = JSON.parse(original) as { keys: Array<{ state: string; publicJwk: { x: string } }> };
    const current = data.keys.find((key) => key.state === 'current');
    const next = data.keys.find((key) => key.state === 'next');
    if (!current || !next) throw new Error('unexpected ring');
    [current.publicJwk.x, next.publicJwk.x] = [next.publicJwk.x, current.publicJwk.x];
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(data));
    await expect(loadHubKeys(dir)).rejects.toThrow(/thumbprint/);

    writeFileSync(join(dir, 'keys.json'), original.replaceAll(/"kid": "[^"]+"/g, '"kid": "../../../etc/passwd"'));
    await expect(loadHubKeys(dir)).rejects.toThrow();
  });

  it('refuse a token signed by the next key, which has not started signing', async () => {
    const keys = await loadHubKeys(dir, { now: NOW });
    const next = kidOf(keys, 'next');
    const jwk = JSON.parse(readFileSync(join(dir, `${next}.private.json`), 'utf8')) as JsonWebKey;
    const signer = ed25519Signer(createPrivateKey({ key: jwk, format: 'jwk' }));
    const token = await forgeHubToken(hubWith(keys), serviceAccessKind, NOW, { header: { kid: next }, signer });
    expect(await codeOf(serviceAccessKind.verify(hubWith(keys), token, NOW))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('rotate under traffic: two processes sharing the directory fail no request', async () => {
    const processA = hubWith(await loadHubKeys(dir, { now: NOW }));
    const processB = hubWith(await loadHubKeys(dir, { now: NOW }));
    const beforeRotation = await serviceAccessKind.issue(processA, NOW);

    await processA.keys.rotateKeys({ now: NOW });
    // A signs with the promoted key at once; B still holds the old view, where that key is
    // `next`, and must learn of the rotation rather than refuse.
    const fromA = await serviceAccessKind.issue(processA, NOW);
    expect(decodePart(fromA, 0).kid).toBe(kidOf(processA.keys, 'current'));
    expect(await codeOf(serviceAccessKind.verify(processB, fromA, NOW))).toBe('RESOLVED');
    // Tokens from before the rotation, and tokens B signed with the retired key while it had
    // not noticed yet, keep working everywhere.
    expect(await codeOf(serviceAccessKind.verify(processA, beforeRotation, NOW))).toBe('RESOLVED');
    expect(await codeOf(serviceAccessKind.verify(processB, beforeRotation, NOW))).toBe('RESOLVED');
  });

  it('a stale process that signs with the just-retired key is still accepted by the others', async () => {
    const processA = hubWith(await loadHubKeys(dir, { now: NOW }));
    const processB = hubWith(await loadHubKeys(dir, { now: NOW }));
    const staleKey = await processB.keys.signingKey();
    await processA.keys.rotateKeys({ now: NOW });
    const token = await forgeJws(
      { alg: 'EdDSA', typ: 'at+jwt', kid: staleKey.kid },
      {
        ...serviceAccessKind.claims(NOW),
        iss: processA.issuer,
        aud: processA.graphqlUrl,
        iat: toSeconds(NOW),
        exp: toSeconds(NOW) + 300,
      },
      hubKeySigner(staleKey),
    );
    expect(await codeOf(serviceAccessKind.verify(processA, token, later(NOW, 5)))).toBe('RESOLVED');
  });
});
