// Officer passwords (argon2id), opaque tokens, and the role → scope map.
import { describe, expect, it } from 'vitest';
import {
  ARGON2_PARAMETERS,
  createOpaqueToken,
  hashPassword,
  hashToken,
  isOpaqueToken,
  needsRehash,
  OFFICER_ROLES,
  SCOPES,
  scopesForRoles,
  verifyPassword,
} from '../../../api/src/auth/index.js';

describe('officer passwords', () => {
  const password = 'correct horse battery staple';

  it('hash with argon2id, m=19456 KiB, t=2, p=1 and a random salt', async () => {
    const first = await hashPassword(password);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hashPassword(password)).not.toBe(first);
    expect(ARGON2_PARAMETERS).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it('verify the right password and no other', async () => {
    const stored = await hashPassword(password);
    expect(await verifyPassword(stored, password)).toBe(true);
    expect(await verifyPassword(stored, `${password} `)).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('compare passwords after NFKC normalisation', async () => {
    const composed = 'sauna ja löyly ja avanto';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it('fail closed without a stored hash, with a malformed one, or with an absurdly long password', async () => {
    expect(await verifyPassword(undefined, password)).toBe(false);
    expect(await verifyPassword(null, password)).toBe(false);
    expect(await verifyPassword('$argon2id$garbage', password)).toBe(false);
    expect(await verifyPassword(await hashPassword(password), 'x'.repeat(5000))).toBe(false);
  });

  it('refuse to hash passwords under 15 or over 1024 characters', async () => {
    await expect(hashPassword('x'.repeat(14))).rejects.toThrow(RangeError);
    await expect(hashPassword('x'.repeat(1025))).rejects.toThrow(RangeError);
  });

  it('tell when a stored hash was made with other parameters', async () => {
    expect(needsRehash(await hashPassword(password))).toBe(false);
    expect(
      needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'),
    ).toBe(true);
    expect(
      needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'),
    ).toBe(true);
    expect(needsRehash('not a hash')).toBe(true);
  });
});

describe('opaque tokens', () => {
  it('are 32 random bytes, base64url, never repeated', () => {
    const tokens = Array.from({ length: 1000 }, createOpaqueToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const token of tokens.slice(0, 20)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isOpaqueToken(token)).toBe(true);
    }
  });

  it('are stored as their hex SHA-256', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = createOpaqueToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });

  it('reject anything that is not one before lookup', () => {
    for (const value of [
      '',
      'short',
      `${createOpaqueToken()}x`,
      `${'a'.repeat(42)}=`,
      "' OR 1=1 --aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      42,
      null,
    ]) {
      expect(isOpaqueToken(value)).toBe(false);
    }
  });
});

describe('roles and scopes', () => {
  it('every scope is granted by some role, every scope is resource:action', () => {
    expect(scopesForRoles([...OFFICER_ROLES])).toEqual([...SCOPES]);
    for (const scope of SCOPES) expect(scope).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it('an admin manages registrations but neither looks residents up nor reads the audit log', () => {
    const admin = scopesForRoles(['ADMIN']);
    expect(admin).toEqual(
      expect.arrayContaining(['organisation:write', 'service:write', 'officer:write', 'purpose:write']),
    );
    for (const scope of ['resident:lookup', 'audit:read', 'audit:verify', 'purpose:approve'] as const) {
      expect(admin).not.toContain(scope);
    }
  });

  it('a privacy officer approves purposes and looks residents up, but manages no accounts', () => {
    const officer = scopesForRoles(['OFFICER']);
    expect(officer).toEqual(
      expect.arrayContaining(['purpose:approve', 'resident:lookup', 'audit:verify', 'notice:read']),
    );
    expect(officer).not.toContain('officer:write');
    expect(officer).not.toContain('service:write');
  });

  it('an auditor only reads and verifies', () => {
    const auditor = scopesForRoles(['AUDITOR']);
    expect(auditor).toContain('audit:verify');
    expect(auditor.filter((scope) => !/:(read|verify|export)$/.test(scope))).toEqual([]);
  });

  it('roles combine as a union without duplicates', () => {
    const both = scopesForRoles(['ADMIN', 'AUDITOR', 'ADMIN']);
    expect(new Set(both).size).toBe(both.length);
    expect(both).toEqual(expect.arrayContaining([...scopesForRoles(['ADMIN']), ...scopesForRoles(['AUDITOR'])]));
    expect(scopesForRoles([])).toEqual([]);
  });
});
