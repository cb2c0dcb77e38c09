// Attempts sent all at once are judged one at a time: a burst of wrong passwords with the
// right one among them gets no more password checks than the limit allows, and the right one
// is refused once the pair is blocked. Concurrent failures from many clients whose rows are
// stale are each counted and audited, and none of them ends in a database error (a prune
// inside the failure's transaction once made them deadlock, 40P01). Two app instances on one
// database, as behind a load balancer; on PostgreSQL the requests really run in parallel.
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

const BURST = 30;

let t: TestApp;
let processes: [LupaApp, LupaApp];
beforeAll(async () => {
  t = await createTestApp({ residents: 0 });
  const second = await createSecondProcess(t);
  processes = [t.app, second];
});
afterAll(() => t.close());

const auditCount = (kind: string, clientAddress: string) =>
  t.db.prisma.auditEvent.count({ where: { kind, payload: { path: ['clientAddress'], equals: clientAddress } } });

// Which attempt of a burst takes the lock first is up to the scheduler, so the right password
// sent with the burst may be decided before the block (and then rightly signs in) or after it.
// What must hold either way: no more failures are counted than the limit allows, and a right
// password sent while the block stands — here once its record is committed, with the rest of
// the burst still in flight — is refused.
describe('a burst of sign-ins from one client', () => {
  it(`counts at most ${MAX_FAILED_LOGINS} failures for one (e-mail, client) and refuses the right password once blocked`, async () => {
    const email = 'burst-pair@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const client = '203.0.113.41';
    const wrong = Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        signIn(processes[i % 2] as LupaApp, client, email, `wrong-${i}-password-here`),
      ),
    );
    const rightInBurst = signIn(processes[1], client, email);
    await expect.poll(() => auditCount('officer.locked', client), { interval: 5, timeout: 20_000 }).toBe(1);
    const rightWhileBlocked = await signIn(processes[0], client, email);
    const [wrongAnswers, rightAnswer] = await Promise.all([wrong, rightInBurst]);
    expect(rightWhileBlocked).toBe('SignInFailed');
    expect(wrongAnswers).toEqual(Array(BURST).fill('SignInFailed'));
    const failed = await auditCount('officer.sign_in_failed', client);
    // Refused: exactly the limit counted. Signed in first: the failures before it and one
    // more limit after its clear, never the whole burst.
    expect({
      rightAnswer,
      withinLimit: rightAnswer === 'SignInFailed' ? failed === MAX_FAILED_LOGINS : failed < 2 * MAX_FAILED_LOGINS,
    }).toEqual({
      rightAnswer: expect.any(String),
      withinLimit: true,
    });
    expect(await auditCount('officer.locked', client)).toBe(1);
    // Only that client is locked out: the officer still signs in from elsewhere.
    expect(await signIn(processes[0], '192.0.2.41', email)).toBe('MutationSignInOfficerSuccess');
  });

  it(`counts at most ${MAX_FAILED_LOGINS_PER_CLIENT} failures for one client over many e-mails and then refuses the right password`, async () => {
    const email = 'burst-walk-target@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const client = '203.0.113.42';
    const answers = await Promise.all([
      ...Array.from({ length: BURST }, (_, i) =>
        signIn(
          processes[i % 2] as LupaApp,
          client,
          `burst-walk-${i}@lumilaakso.example.invalid`,
          'wrong-password-here',
        ),
      ),
      signIn(processes[0], client, email),
    ]);
    expect(answers.slice(0, BURST)).toEqual(Array(BURST).fill('SignInFailed'));
    // A success clears only its pair, never the client's count: exactly the limit, whenever the right one came.
    expect(await auditCount('officer.sign_in_failed', client)).toBe(MAX_FAILED_LOGINS_PER_CLIENT);
    expect(await signIn(processes[1], client, email)).toBe('SignInFailed');
  });
});

describe('concurrent failures from clients with stale rows', () => {
  it('counts and audits every one, and none ends in a database error', async () => {
    const email = 'stale-clients@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const throttle = createSignInThrottle(t.picKeys);
    const clients = Array.from({ length: 36 }, (_, i) => `198.51.100.${i + 1}`);
    const longAgo = new Date(t.clock.now.getTime() - (LOCK_MINUTES + 1) * 60_000);
    // Each client left failures a while ago: its rows are stale, so a prune would take them.
    await t.db.prisma.signInFailureWindow.createMany({
      data: clients.flatMap((client) => {
        const keys = throttle.keysOf(email, client);
        return [
          { key: keys.client, windowStart: longAgo, failures: 3 },
          { key: keys.pair, windowStart: longAgo, failures: 2 },
        ];
      }),
    });
    // Idle rows of other clients for the sweeps that run alongside to prune.
    await t.db.prisma.signInFailureWindow.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ key: `idle-${i}`, windowStart: longAgo, failures: 1 })),
    });
    const sweep = () => sweepSignInThrottle({ prisma: t.db.prisma, throttle, now: t.clock.now });
    const [answers] = await Promise.all([
      Promise.all(
        clients.map((client, i) => signIn(processes[i % 2] as LupaApp, client, email, `stale-${i}-password-here`)),
      ),
      ...Array.from({ length: 4 }, sweep),
    ]);
    expect(answers).toEqual(Array(clients.length).fill('SignInFailed'));
    for (const client of clients) expect(await auditCount('officer.sign_in_failed', client)).toBe(1);
    // Each counted once, in a window started afresh.
    const rows = await t.db.prisma.signInFailureWindow.findMany({
      where: { key: { in: clients.flatMap((client) => Object.values(throttle.keysOf(email, client))) } },
    });
    expect(rows).toHaveLength(clients.length * 2);
    expect(rows.every((row) => row.failures === 1 && row.windowStart.getTime() === t.clock.now.getTime())).toBe(true);
    await sweep();
    expect(await t.db.prisma.signInFailureWindow.count({ where: { key: { startsWith: 'idle-' } } })).toBe(0);
  });
});
