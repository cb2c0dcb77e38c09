import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../../api/src/officers/session.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../fixtures/app.js';

const SIGN_IN = `mutation($email: String!, $password: String!) {
  signInOfficer(email: $email, password: $password) {
    __typename
    ... on MutationSignInOfficerSuccess { data { accessToken refreshToken expiresIn } }
    ... on SignInFailed { message reason }
  }
}`;
const REFRESH = `mutation($t: String!) {
  refreshOfficerSession(refreshToken: $t) {
    __typename
    ... on MutationRefreshOfficerSessionSuccess { data { accessToken refreshToken } }
    ... on SignInFailed { reason }
  }
}`;
const ME = '{ me { email roles } }';

describe('officer authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
  });
  afterAll(() => t.close());

  async function signIn(email: string, password = TEST_PASSWORD) {
    const { body } = await t.graphql(SIGN_IN, { email, password });
    return body.data?.signInOfficer as {
      __typename: string;
      data?: { accessToken: string; refreshToken: string; expiresIn: number };
      reason?: string;
    };
  }

  it('signs in with a short-lived token and reads its own account', async () => {
    const { officerId } = await t.officerToken('OFFICER', { email: 'me@lumilaakso.example.invalid' });
    const result = await signIn('ME@lumilaakso.example.invalid');
    expect(result.__typename).toBe('MutationSignInOfficerSuccess');
    expect(result.data?.expiresIn).toBeLessThanOrEqual(600);
    const me = await t.graphql<{ me: { email: string; roles: string[] } }>(ME, {}, result.data?.accessToken);
    expect(me.body.data?.me).toEqual({ email: 'me@lumilaakso.example.invalid', roles: ['OFFICER'] });
    expect(officerId).toBeTruthy();
  });

  it('answers an unknown e-mail and a wrong password alike', async () => {
    await t.officerToken('ADMIN', { email: 'known@lumilaakso.example.invalid' });
    const unknown = await signIn('nobody@lumilaakso.example.invalid');
    const wrong = await signIn('known@lumilaakso.example.invalid', 'wrong password entirely');
    expect(unknown).toEqual(wrong);
    expect(unknown.reason).toBe('INVALID_CREDENTIALS');
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} failures, even for the right password`, async () => {
    const email = 'locked@lumilaakso.example.invalid';
    await t.officerToken('AUDITOR', { email });
    const reasons: (string | undefined)[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) reasons.push((await signIn(email, `wrong-${i}-password-here`)).reason);
    expect(reasons.slice(0, -1).every((r) => r === 'INVALID_CREDENTIALS')).toBe(true);
    expect(reasons.at(-1)).toBe('ACCOUNT_LOCKED');
    expect((await signIn(email)).reason).toBe('ACCOUNT_LOCKED');
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + (LOCK_MINUTES + 1) * 60_000);
    try {
      expect((await signIn(email)).__typename).toBe('MutationSignInOfficerSuccess');
    } finally {
      t.clock.now = saved;
    }
  });

  it('rotates refresh tokens and treats a reused one as stolen', async () => {
    const email = 'refresh@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const first = await signIn(email);
    const refreshed = (await t.graphql(REFRESH, { t: first.data?.refreshToken })).body.data?.refreshOfficerSession as {
      data?: { accessToken: string; refreshToken: string };
    };
    expect(refreshed.data?.accessToken).toBeTruthy();
    const reuse = (await t.graphql(REFRESH, { t: first.data?.refreshToken })).body.data?.refreshOfficerSession as {
      reason?: string;
    };
    expect(reuse.reason).toBe('INVALID_REFRESH_TOKEN');
    // The reuse ended every session, including the one the legitimate refresh started.
    const me = await t.graphql(ME, {}, refreshed.data?.accessToken);
    expect(me.status).toBe(401);
    expect(me.body.errors?.[0]?.extensions?.code).toBe('SESSION_REVOKED');
  });

  it('sign-out revokes the access token at once', async () => {
    const { token } = await t.officerToken('OFFICER');
    expect((await t.graphql(ME, {}, token)).status).toBe(200);
    const out = await t.graphql('mutation { signOutOfficer }', {}, token);
    expect(out.body.data).toEqual({ signOutOfficer: true });
    const after = await t.graphql(ME, {}, token);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('SESSION_REVOKED');
  });
});
