// Lockouts shown to admins: `officerLockouts` lists the `officer.locked` events sign-in
// writes, for admins only, and the listing is itself an audited read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../../api/src/officers/session.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';

const LOCKOUTS = `query($since: DateTime, $first: Int) { officerLockouts(since: $since, first: $first) {
  officer { id email } lockedAt lockedUntil clientAddress active } }`;

interface Lockout {
  officer: { id: string; email: string };
  lockedAt: string;
  lockedUntil: string;
  clientAddress: string | null;
  active: boolean;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ residents: 0 });
});
afterAll(() => t.close());

async function failSignIns(clientAddress: string, email: string, times: number) {
  for (let i = 0; i < times; i++) {
    await t.app.fetch(
      new Request('http://lupa.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($e: String!, $p: String!) { signInOfficer(email: $e, password: $p) { __typename } }',
          variables: { e: email, p: `wrong-${i}-password-here` },
        }),
      }),
      { clientAddress },
    );
  }
}

async function lockouts(token: string, variables: Record<string, unknown> = {}) {
  const { body } = await t.graphql<{ officerLockouts: Lockout[] }>(LOCKOUTS, variables, token);
  return body;
}

describe('officerLockouts', () => {
  it('lists a lock with the officer, the client and whether it is still in force', async () => {
    const admin = await t.officerToken('ADMIN');
    const email = 'lockout-target@lumilaakso.example.invalid';
    const target = await t.officerToken('OFFICER', { email });
    await failSignIns('203.0.113.5', email, MAX_FAILED_LOGINS);
    // An unknown address is locked too, but names no officer and is not listed.
    await failSignIns('203.0.113.5', 'lockout-nobody@lumilaakso.example.invalid', MAX_FAILED_LOGINS);

    const body = await lockouts(admin.token);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const listed = body.data?.officerLockouts ?? [];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ officer: { email }, clientAddress: '203.0.113.5', active: true });
    expect(Date.parse(listed[0]?.lockedUntil ?? '') - Date.parse(listed[0]?.lockedAt ?? '')).toBe(
      LOCK_MINUTES * 60_000,
    );
    expect(listed[0]?.officer.id).toBeTruthy();
    expect(target.officerId).toBeTruthy();

    // After the lock ends it is still listed (recent), no longer active; `since` excludes it.
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + (LOCK_MINUTES + 1) * 60_000);
    try {
      // Access tokens live ten minutes: sign in again at the later instant.
      const later = await t.officerToken('ADMIN');
      expect((await lockouts(later.token)).data?.officerLockouts[0]?.active).toBe(false);
      expect((await lockouts(later.token, { since: t.clock.now.toISOString() })).data?.officerLockouts).toEqual([]);
    } finally {
      t.clock.now = saved;
    }
  });

  it('is for admins only', async () => {
    for (const role of ['OFFICER', 'AUDITOR'] as const) {
      const { token } = await t.officerToken(role);
      const body = await lockouts(token);
      expect(body.data?.officerLockouts ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a page size over 100 as bad input', async () => {
    const admin = await t.officerToken('ADMIN');
    expect((await lockouts(admin.token, { first: 101 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('records each listing as an audited read by the admin', async () => {
    const admin = await t.officerToken('ADMIN');
    await lockouts(admin.token);
    const reads = await t.db.prisma.auditEvent.findMany({
      where: { kind: 'officer.lockouts.read', actorId: admin.officerId },
    });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorKind: 'OFFICER', outcome: 'ALLOWED' });
  });
});
