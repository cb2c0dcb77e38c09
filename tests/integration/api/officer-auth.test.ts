import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_PER_CLIENT } from '../../../api/src/officers/session.js';
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

  /** Signs in from a given peer address; returns the raw body text, byte for byte. */
  async function signInFrom(clientAddress: string, email: string, password = TEST_PASSWORD) {
    const response = await t.app.fetch(
      new Request('http://lupa.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
      }),
      { clientAddress },
    );
    const text = await response.text();
    return { text, result: JSON.parse(text).data?.signInOfficer as { __typename: string; reason?: string } };
  }

  async function failTimes(clientAddress: string, email: string, times: number) {
    for (let i = 0; i < times; i++) await signInFrom(clientAddress, email, `wrong-${i}-password-here`);
  }

  it('answers unknown, wrong-password and locked accounts byte for byte alike', async () => {
    const known = 'enum-known@lumilaakso.example.invalid';
    const locked = 'enum-locked@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email: known });
    await t.officerToken('OFFICER', { email: locked });
    const client = '198.51.100.10';
    await failTimes(client, locked, MAX_FAILED_LOGINS);
    const unknown = await signInFrom(client, 'enum-nobody@lumilaakso.example.invalid', 'wrong-password-here');
    const wrong = await signInFrom(client, known, 'wrong-password-here');
    const lockedWrong = await signInFrom(client, locked, 'wrong-password-here');
    const lockedRight = await signInFrom(client, locked);
    expect(unknown.result.reason).toBe('INVALID_CREDENTIALS');
    expect(wrong.text).toBe(unknown.text);
    expect(lockedWrong.text).toBe(unknown.text);
    // Even the right password from the locked client gets the same answer.
    expect(lockedRight.text).toBe(unknown.text);
    // An unknown address locks exactly like a known one: its lock reveals nothing either.
    await failTimes(client, 'enum-nobody@lumilaakso.example.invalid', MAX_FAILED_LOGINS);
    expect((await signInFrom(client, 'enum-nobody@lumilaakso.example.invalid', 'x-wrong-password')).text).toBe(
      unknown.text,
    );
  });

  it("a stranger cannot lock an officer out: only the stranger's client is locked", async () => {
    const email = 'victim@lumilaakso.example.invalid';
    await t.officerToken('AUDITOR', { email });
    const stranger = '203.0.113.66';
    await failTimes(stranger, email, MAX_FAILED_LOGINS + 2);
    expect((await signInFrom(stranger, email)).result.reason).toBe('INVALID_CREDENTIALS');
    expect((await signInFrom('192.0.2.7', email)).result.__typename).toBe('MutationSignInOfficerSuccess');
    // The stranger's lock ends after LOCK_MINUTES.
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + (LOCK_MINUTES + 1) * 60_000);
    try {
      expect((await signInFrom(stranger, email)).result.__typename).toBe('MutationSignInOfficerSuccess');
    } finally {
      t.clock.now = saved;
    }
  });

  it(`throttles a client after ${MAX_FAILED_LOGINS_PER_CLIENT} failures over any accounts`, async () => {
    const email = 'sprayed@lumilaakso.example.invalid';
    await t.officerToken('OFFICER', { email });
    const sprayer = '203.0.113.99';
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_CLIENT; i++) {
      await signInFrom(sprayer, `spray-${i}@lumilaakso.example.invalid`, 'wrong-password-here');
    }
    expect((await signInFrom(sprayer, email)).result.reason).toBe('INVALID_CREDENTIALS');
    expect((await signInFrom('192.0.2.8', email)).result.__typename).toBe('MutationSignInOfficerSuccess');
  });

  it('audits sign-in, failures and locks with kind and actor, never the typed address', async () => {
    const email = 'audited@lumilaakso.example.invalid';
    const { officerId } = await t.officerToken('OFFICER', { email });
    const auditor = await t.officerToken('AUDITOR');
    const client = '198.51.100.77';
    await failTimes(client, email, MAX_FAILED_LOGINS);
    await signInFrom(client, 'audited-nobody@lumilaakso.example.invalid', 'wrong-password-here');
    expect((await signInFrom('192.0.2.77', email)).result.__typename).toBe('MutationSignInOfficerSuccess');
    const { body } = await t.graphql<{
      auditEvents: { edges: { node: { kind: string; actorKind: string; actorId: string | null; payload: string } }[] };
    }>(
      `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) {
        edges { node { kind actorKind actorId payload } } } }`,
      { filter: { kinds: ['officer.sign_in', 'officer.sign_in_failed', 'officer.locked'] } },
      auditor.token,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const events = body.data?.auditEvents.edges.map((e) => e.node) ?? [];
    const mine = events.filter((e) => e.actorId === officerId);
    const count = (kind: string) => mine.filter((e) => e.kind === kind).length;
    expect(count('officer.sign_in_failed')).toBe(MAX_FAILED_LOGINS);
    expect(count('officer.locked')).toBe(1);
    // One by the fixture's officerToken (it signs in over GraphQL), one from 192.0.2.77.
    expect(count('officer.sign_in')).toBe(2);
    expect(mine.every((e) => e.actorKind === 'OFFICER')).toBe(true);
    expect(JSON.parse(mine.find((e) => e.kind === 'officer.locked')?.payload ?? '{}').clientAddress).toBe(client);
    const anonymous = events.filter(
      (e) => e.kind === 'officer.sign_in_failed' && e.actorId === null && e.payload.includes('198.51.100.77'),
    );
    expect(anonymous).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('audited-nobody');
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
