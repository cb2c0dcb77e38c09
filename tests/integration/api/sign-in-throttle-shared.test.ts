// Officer sign-in throttling is counted in the database, so two API processes sharing it
// (here two app instances on one database, as the bench runs 1/2/4 behind a proxy) give a
// client the same five attempts per account and twenty in all, not five or twenty per
// process; and concurrent failures are each counted, none lost.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LupaApp } from '../../../api/src/http/app.js';
import {
  createSignInThrottle,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  MAX_FAILED_LOGINS_PER_CLIENT,
} from '../../../api/src/officers/session.js';
import { sweepSignInThrottle } from '../../../api/src/officers/sign-in-throttle-sweep.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { createSecondProcess, signInOfficerFrom as signIn } from '../../fixtures/second-process.js';

let t: TestApp;
let processes: [LupaApp, LupaApp];
beforeAll(async () => {
  t = await createTestApp({ residents: 0 });
  const second = await createSecondProcess(t);
  processes = [t.app, second];
});
afterAll(() => t.close());

const lockRecords = (officerId: string) =>
  t.db.prisma.auditEvent.count({ where: { kind: 'officer.locked', actorId: officerId } });

describe('sign-in throttling shared by every process', () => {
  it(`locks an (e-mail, client) pair after ${MAX_FAILED_LOGINS} failures spread over two processes`, async () => {
    const email = 'shared-lock@lumilaakso.example.invalid';
    const { officerId } = await t.officerToken('OFFICER', { email });
    const client = '203.0.113.21';
    // Alternating: each process sees only about half of the failures.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect(await signIn(processes[i % 2] as LupaApp, client, email, `wrong-${i}-password-here`)).toBe('SignInFailed');
    }
    // The right password is refused now through either process; the officer elsewhere signs in.
    for (const app of processes) expect(await signIn(app, client, email)).toBe('SignInFailed');
    expect(await signIn(processes[1], '192.0.2.21', email)).toBe('MutationSignInOfficerSuccess');
    expect(await lockRecords(officerId)).toBe(1);
  });

  it(`throttles a client after ${MAX_FAILED_LOGINS_PER_CLIENT} failures over any accounts and processes`, async () => {
    const email = 'shared-walker-target@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const client = '203.0.113.22';
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_CLIENT; i++) {
      await signIn(processes[i % 2] as LupaApp, client, `walk-${i}@lumilaakso.example.invalid`, 'wrong-password-here');
    }
    for (const app of processes) expect(await signIn(app, client, email)).toBe('SignInFailed');
    expect(await signIn(processes[0], '192.0.2.22', email)).toBe('MutationSignInOfficerSuccess');
  });

  it('counts concurrent failures from both processes, none lost', async () => {
    const email = 'shared-burst@lumilaakso.example.invalid';
    const { officerId } = await t.officerToken('OFFICER', { email });
    const client = '203.0.113.23';
    await Promise.all(
      Array.from({ length: MAX_FAILED_LOGINS }, (_, i) =>
        signIn(processes[i % 2] as LupaApp, client, email, `burst-${i}-password-here`),
      ),
    );
    for (const app of processes) expect(await signIn(app, client, email)).toBe('SignInFailed');
    expect(await lockRecords(officerId)).toBe(1);
  });

  it('prunes windows that have ended (and their blocks) in the background sweep, keeping running ones', async () => {
    const longAgo = new Date(t.clock.now.getTime() - (LOCK_MINUTES + 1) * 60_000);
    const recent = new Date(t.clock.now.getTime() - 60_000);
    await t.db.prisma.signInFailureWindow.createMany({
      data: [
        { key: 'ended-window', windowStart: longAgo, failures: 3 },
        { key: 'ended-block', windowStart: longAgo, failures: 0, blockedUntil: recent },
        { key: 'still-counting', windowStart: recent, failures: 2 },
        {
          key: 'still-blocked',
          windowStart: longAgo,
          failures: 0,
          blockedUntil: new Date(t.clock.now.getTime() + 60_000),
        },
      ],
    });
    // A failure no longer prunes (that deadlocked concurrent failures); only the sweep does.
    await signIn(processes[0], '203.0.113.24', 'prune-trigger@lumilaakso.example.invalid', 'wrong-password-here');
    expect(await t.db.prisma.signInFailureWindow.count({ where: { key: 'ended-window' } })).toBe(1);
    expect(
      await sweepSignInThrottle({ prisma: t.db.prisma, throttle: createSignInThrottle(t.picKeys), now: t.clock.now }),
    ).toBe(false);
    const left = (await t.db.prisma.signInFailureWindow.findMany({ select: { key: true } })).map((row) => row.key);
    expect(left).not.toContain('ended-window');
    expect(left).not.toContain('ended-block');
    expect(left).toEqual(expect.arrayContaining(['still-counting', 'still-blocked']));
  });

  it('counts every address of one IPv6 /64 as one client; IPv4-mapped addresses stay IPv4', async () => {
    const email = 'shared-ipv6@lumilaakso.example.invalid';
    const { officerId } = await t.officerToken('OFFICER', { email });
    // Five failures, each from another address of the same /64, through either process.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const address = `2001:db8:77:1:${(i + 1).toString(16)}:0:0:${i}`;
      expect(await signIn(processes[i % 2] as LupaApp, address, email, `v6-${i}-password-here`)).toBe('SignInFailed');
    }
    expect(await lockRecords(officerId)).toBe(1);
    expect(await signIn(processes[0], '2001:db8:77:1:ffff::1', email)).toBe('SignInFailed');
    // The neighbouring /64 is another client.
    expect(await signIn(processes[1], '2001:db8:77:2::1', email)).toBe('MutationSignInOfficerSuccess');

    const mapped = 'shared-mapped@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email: mapped });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await signIn(processes[i % 2] as LupaApp, '::ffff:203.0.113.25', mapped, `mapped-${i}-password-here`);
    }
    // Locked as 203.0.113.25, not as ::ffff:0:0/64 shared with every other IPv4 client.
    expect(await signIn(processes[0], '203.0.113.25', mapped)).toBe('SignInFailed');
    expect(await signIn(processes[1], '::ffff:203.0.113.26', mapped)).toBe('MutationSignInOfficerSuccess');
  });

  it('keys the table by HMAC under a secret the database does not hold, never a plain hash', async () => {
    const rows = await t.db.prisma.signInFailureWindow.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/@|203\.0\.113|2001:db8/);
    // What the rows were keyed by before: SHA-256 of the inputs, which anyone can recompute.
    const sha = (value: string) => createHash('sha256').update(value).digest('base64url');
    const email = 'shared-lock@lumilaakso.example.invalid';
    const client = '203.0.113.21';
    const keys = rows.map((row) => row.key);
    expect(keys).not.toContain(sha(`client\n${client}`));
    expect(keys).not.toContain(sha(`pair\n${email}\n${client}`));
    // The row is there, under the HMAC that only the holder of the data-protection key can compute.
    expect(keys).toContain(createSignInThrottle(t.picKeys).keysOf(email, client).client);
    const otherSecret = createSignInThrottle({ blindIndexKey: randomBytes(32) }).keysOf(email, client);
    expect(keys).not.toContain(otherSecret.client);
  });
});
