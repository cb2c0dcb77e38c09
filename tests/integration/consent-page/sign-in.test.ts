// Resident sign-in by magic link: no enumeration, single use, expiry, rate limits, cookie
// flags, links from the public URL only, and sign-out that revokes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../../api/src/auth/index.js';
import { emailHash, MAGIC_LINK_MIN_RESPONSE_MS } from '../../../api/src/consent-page/magic-link.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';
import { PageClient } from './page-client.js';

describe('resident sign-in by magic link', () => {
  const lines: string[] = [];
  let t: TestApp;
  let email: string;
  let residentId: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 8, env: 'development', logLines: lines });
    const resident = await t.db.prisma.resident.findFirstOrThrow({ where: { email: { not: null } } });
    email = resident.email as string;
    residentId = resident.id;
  });
  afterAll(() => t.close());

  // Each request a second later, so "the newest mail" is well defined.
  function tick(): void {
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
  }

  async function requestLink(client: PageClient, address: string) {
    tick();
    await client.get('/');
    const started = performance.now();
    const result = await client.post('/auth/magic-link', { email: address });
    return { ...result, ms: performance.now() - started };
  }

  function linkFromOutbox(body: string): string {
    const match = /(http\S+\/auth\/magic\?token=[A-Za-z0-9_-]+)/.exec(body);
    if (!match?.[1]) throw new Error('no link in mail');
    return match[1];
  }

  it('answers an existing and an unknown address with the same page, both padded to the minimum time', async () => {
    const client = new PageClient(t);
    const mailBefore = await t.db.prisma.mailOutbox.count();
    const linksBefore = await t.db.prisma.magicLink.count();
    const known = await requestLink(client, email);
    const unknown = await requestLink(client, 'nobody.at.all@example.invalid');
    expect(known.response.status).toBe(200);
    expect(unknown.response.status).toBe(200);
    expect(unknown.body).toBe(known.body);
    // The server adds a constant floor; both answers take at least that long.
    expect(known.ms).toBeGreaterThanOrEqual(MAGIC_LINK_MIN_RESPONSE_MS - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(MAGIC_LINK_MIN_RESPONSE_MS - 5);
    // The same database work (a MagicLink each); mail only to the real address.
    expect(await t.db.prisma.magicLink.count()).toBe(linksBefore + 2);
    expect(await t.db.prisma.mailOutbox.count()).toBe(mailBefore + 1);
    const unknownLink = await t.db.prisma.magicLink.findFirstOrThrow({
      where: { emailHash: emailHash('nobody.at.all@example.invalid') },
    });
    expect(unknownLink.residentId).toBeNull();
  });

  it('pads the answer with the server-side sleep whatever the work took', async () => {
    const { createConsentPage } = await import('../../../api/src/consent-page/index.js');
    expect(typeof createConsentPage).toBe('function');
    const client = new PageClient(t);
    await client.get('/');
    const sleep = vi.fn(async (_ms: number) => {});
    // The limits object is created per app; reach it through a fresh page on the same deps.
    const page = createConsentPage({
      config: {
        ...(await import('../../../api/src/config/index.js')).readConfig({ NODE_ENV: 'test' }),
        publicUrl: BASE_URL,
      },
      db: t.db,
      hub: t.hub,
      picKeys: t.picKeys,
      log: (await import('../../../api/src/log/index.js')).createLogger('silent'),
      audit: t.app.audit,
      clock: () => t.clock.now,
    });
    page.limits.sleep = sleep;
    const route = page.routes['/auth/magic-link'];
    if (!route) throw new Error('no route');
    const response = await route(
      new Request(`${BASE_URL}/auth/magic-link`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body: new URLSearchParams({ email: 'ghost@example.invalid', _csrf: client.csrf() }).toString(),
      }),
      'req-1',
      '203.0.113.9',
    );
    expect(response.status).toBe(200);
    expect(sleep).toHaveBeenCalledTimes(1);
    const padding = sleep.mock.calls[0]?.[0] ?? -1;
    expect(padding).toBeGreaterThan(0);
    expect(padding).toBeLessThanOrEqual(MAGIC_LINK_MIN_RESPONSE_MS);
  });

  it('builds the link from the public URL, never the Host header, and logs it in development', async () => {
    const client = new PageClient(t);
    await client.get('/');
    lines.length = 0;
    tick();
    await client.post(
      '/auth/magic-link',
      { email },
      { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } },
    );
    const mail = await t.db.prisma.mailOutbox.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(mail.recipient).toBe(email);
    expect(linkFromOutbox(mail.body).startsWith(`${BASE_URL}/auth/magic?token=`)).toBe(true);
    expect(mail.body).not.toContain('evil.example');
    expect(lines.join('\n')).toContain(linkFromOutbox(mail.body));
    // Only the hash is stored.
    const token = new URL(linkFromOutbox(mail.body)).searchParams.get('token') as string;
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(await t.db.prisma.magicLink.count({ where: { tokenHash: token } })).toBe(0);
    expect(await t.db.prisma.magicLink.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
  });

  it('signs in once per link, by a button on the page the link opens, with a Strict HttpOnly session cookie', async () => {
    const client = new PageClient(t);
    await requestLink(client, email);
    const mail = await t.db.prisma.mailOutbox.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const path = linkFromOutbox(mail.body).slice(BASE_URL.length);
    const token = new URL(linkFromOutbox(mail.body)).searchParams.get('token') as string;

    // Opening the link (as a mail scanner would, too) signs nobody in and uses nothing up.
    for (let i = 0; i < 2; i++) {
      const opened = await client.get(path);
      expect(opened.response.status).toBe(200);
      expect(opened.body).toContain('action="/auth/magic"');
      expect(opened.response.headers.getSetCookie().some((c) => c.startsWith('lupa_session='))).toBe(false);
    }
    expect(await t.db.prisma.magicLink.count({ where: { tokenHash: hashToken(token), usedAt: null } })).toBe(1);
    // The button's post without the page's CSRF token is refused and uses nothing up either.
    expect((await new PageClient(t).post('/auth/magic', { token }, { csrf: null })).response.status).toBe(403);

    const { response: first } = await client.post('/auth/magic', { token });
    expect(first.status).toBe(200);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith('lupa_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    // http://localhost is the one place Secure is left off; https public URLs get it (unit test).
    expect(cookie).not.toMatch(/Secure/);
    const session = await t.db.prisma.residentSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(session.residentId).toBe(residentId);
    const home = await client.get('/');
    expect(home.body).toContain('action="/auth/sign-out"');

    // Used once: the link's page and a replayed post both refuse it.
    expect((await new PageClient(t).request(path)).status).toBe(400);
    const replay = new PageClient(t);
    await replay.get('/');
    const { response: second } = await replay.post('/auth/magic', { token });
    expect(second.status).toBe(400);
    expect(second.headers.getSetCookie().some((c) => c.startsWith('lupa_session='))).toBe(false);
  });

  it('refuses a link older than 15 minutes', async () => {
    // Half an hour on, so the address's rate-limit bucket has refilled after the tests above.
    t.clock.now = new Date(t.clock.now.getTime() + 30 * 60_000);
    const client = new PageClient(t);
    await requestLink(client, email);
    const mail = await t.db.prisma.mailOutbox.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const path = linkFromOutbox(mail.body).slice(BASE_URL.length);
    const issuedAt = t.clock.now;
    t.clock.now = new Date(issuedAt.getTime() + 15 * 60_000 + 1);
    try {
      expect((await client.request(path)).status).toBe(400);
      const token = new URL(linkFromOutbox(mail.body)).searchParams.get('token') as string;
      expect((await client.post('/auth/magic', { token })).response.status).toBe(400);
    } finally {
      t.clock.now = issuedAt;
    }
    // Expiry did not consume it: still valid inside its lifetime (the clock is back).
    expect((await client.request(path)).status).toBe(200);
  });

  it('limits requests per address and per client with a 429 page', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await requestLink(new PageClient(t), 'limited.person@example.invalid')).response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    const client = new PageClient(t, '203.0.113.77');
    await client.get('/');
    const fromOneClient: number[] = [];
    for (let i = 0; i < 11; i++) {
      const { response } = await client.post('/auth/magic-link', { email: `walker${i}@example.invalid` });
      fromOneClient.push(response.status);
    }
    expect(fromOneClient.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(fromOneClient[10]).toBe(429);
    expect(client.lastBody).toContain('Liian monta yritystä');
  }, 30_000);

  it('greets the signed-in resident by first name, read with the session', async () => {
    const resident = await t.db.prisma.resident.findUniqueOrThrow({ where: { id: residentId } });
    const client = new PageClient(t);
    await client.signInAs(residentId);
    const greeting = /<p class="greeting">(?:Hei|Hej|Hello) ([^<]*)!<\/p>/.exec((await client.get('/')).body);
    expect(greeting?.[1]).toBe(resident.firstName);
    expect(resident.firstName.length).toBeGreaterThan(0);
  });

  it('signs out by revoking the session', async () => {
    const client = new PageClient(t);
    await client.signInAs(residentId);
    const token = client.cookies.get('lupa_session') as string;
    const { response } = await client.post('/auth/sign-out', {});
    expect(response.status).toBe(303);
    const session = await t.db.prisma.residentSession.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(session.revokedAt).not.toBeNull();
    // The old cookie no longer opens anything.
    const again = new PageClient(t);
    again.cookies.set('lupa_session', token);
    expect((await again.get('/')).body).toContain('action="/auth/magic-link"');
  });

  it('signing out revokes that session only, and clears the cookie', async () => {
    const [other] = await t.db.prisma.resident.findMany({ where: { id: { not: residentId } }, take: 1 });
    if (!other) throw new Error('the test app needs a second resident');
    const leaving = new PageClient(t);
    const sameResidentElsewhere = new PageClient(t);
    const someoneElse = new PageClient(t);
    await leaving.signInAs(residentId);
    await sameResidentElsewhere.signInAs(residentId);
    await someoneElse.signInAs(other.id);
    const { response } = await leaving.post('/auth/sign-out', {});
    expect(response.status).toBe(303);
    const cleared = response.headers.getSetCookie().find((c) => c.startsWith('lupa_session='));
    expect(cleared).toMatch(/^lupa_session=;/);
    expect(cleared).toContain('Max-Age=0');
    for (const stays of [sameResidentElsewhere, someoneElse]) {
      const token = stays.cookies.get('lupa_session') as string;
      const session = await t.db.prisma.residentSession.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
      expect(session.revokedAt).toBeNull();
      expect((await stays.get('/')).body).toContain('action="/auth/sign-out"');
    }
  });
});
