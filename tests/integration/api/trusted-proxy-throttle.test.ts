// Sign-in throttling behind a reverse proxy: X-Forwarded-For counts only from a listed proxy
// (LUPA_TRUSTED_PROXIES), so a client cannot escape its lock by inventing addresses, and two
// clients behind the same proxy are throttled separately.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS } from '../../../api/src/officers/session.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../fixtures/app.js';

const SIGN_IN = `mutation($email: String!, $password: String!) {
  signInOfficer(email: $email, password: $password) { __typename ... on SignInFailed { reason } } }`;
const PROXY = '10.0.0.5';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ residents: 0, configEnv: { LUPA_TRUSTED_PROXIES: '10.0.0.0/8' } });
});
afterAll(() => t.close());

async function signIn(peer: string, forwardedFor: string | null, email: string, password = TEST_PASSWORD) {
  const response = await t.app.fetch(
    new Request('http://lupa.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
    }),
    { clientAddress: peer },
  );
  return ((await response.json()) as { data: { signInOfficer: { __typename: string } } }).data.signInOfficer.__typename;
}

describe('client address for sign-in throttling', () => {
  it('ignores a spoofed X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const email = 'spoof-target@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const attacker = '203.0.113.50';
    // Each failure claims another client; all count against the real peer.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await signIn(attacker, `198.51.100.${i + 1}`, email, `wrong-${i}-password-here`);
    }
    expect(await signIn(attacker, '198.51.100.99', email)).toBe('SignInFailed');
    const locked = await t.db.prisma.auditEvent.findMany({ where: { kind: 'officer.locked' } });
    expect(locked.map((e) => (e.payload as { clientAddress: string }).clientAddress)).toContain(attacker);
  });

  it('behind a trusted proxy, two clients are throttled separately', async () => {
    const email = 'proxied@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const stranger = '198.51.100.66';
    const officer = '192.0.2.44';
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await signIn(PROXY, `6.6.6.6, ${stranger}`, email, `wrong-${i}-password-here`);
    }
    // The stranger is locked, whatever it writes into the header itself...
    expect(await signIn(PROXY, stranger, email)).toBe('SignInFailed');
    expect(await signIn(PROXY, `${officer}, ${stranger}`, email)).toBe('SignInFailed');
    // ...while the officer behind the same proxy signs in.
    expect(await signIn(PROXY, officer, email)).toBe('MutationSignInOfficerSuccess');
    const locked = await t.db.prisma.auditEvent.findMany({ where: { kind: 'officer.locked' } });
    expect(locked.map((e) => (e.payload as { clientAddress: string }).clientAddress)).toContain(stranger);
  });
});
