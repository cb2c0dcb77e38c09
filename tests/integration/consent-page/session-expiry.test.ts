// A resident session ends on the server at its expiry, whatever the browser does with the
// cookie: a stolen or kept cookie is worth nothing after it. The app's clock is moved (no
// sleeping); the client keeps sending the same cookie throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESIDENT_SESSION_SECONDS } from '../../../api/src/consent-page/session.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { PageClient } from './page-client.js';

describe('resident session expiry', () => {
  let t: TestApp;
  let residentId: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 3 });
    residentId = (await t.db.prisma.resident.findFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  async function myData(client: PageClient): Promise<number> {
    const response = await client.request('/my-data.json');
    await response.body?.cancel();
    return response.status;
  }

  it('serves the resident until the expiry instant and refuses the same cookie from then on', async () => {
    const signedInAt = t.clock.now;
    const client = new PageClient(t);
    await client.signInAs(residentId);
    const cookie = client.cookies.get('lupa_session');
    expect(cookie).toBeDefined();
    const session = await t.db.prisma.residentSession.findFirstOrThrow({
      where: { residentId },
      orderBy: { expiresAt: 'desc' },
    });
    // A fixed lifetime of hours, not days: a stolen cookie must not stay useful.
    const lifetimeMs = session.expiresAt.getTime() - signedInAt.getTime();
    expect(lifetimeMs).toBeGreaterThan(0);
    expect(lifetimeMs).toBeLessThanOrEqual(12 * 3600_000);
    // Exactly the stated four hours: long enough to finish what the resident came to do.
    expect(lifetimeMs).toBe(RESIDENT_SESSION_SECONDS * 1000);
    expect(RESIDENT_SESSION_SECONDS).toBe(4 * 3600);

    try {
      expect(await myData(client)).toBe(200);
      t.clock.now = new Date(session.expiresAt.getTime() - 1000);
      expect(await myData(client)).toBe(200);

      t.clock.now = session.expiresAt;
      expect(client.cookies.get('lupa_session')).toBe(cookie);
      const expired = await client.request('/my-data.json');
      expect(expired.status).toBe(303);
      expect(expired.headers.get('location')).toBe('/');
      const page = await client.get('/');
      expect(page.response.status).toBe(200);
      expect(page.body).toContain('/auth/magic-link');

      // Nor does it come back later (no sliding renewal, no clock-skew grace).
      t.clock.now = new Date(session.expiresAt.getTime() + 24 * 3600_000);
      client.cookies.set('lupa_session', cookie as string);
      expect(await myData(client)).toBe(303);
    } finally {
      t.clock.now = signedInAt;
    }
  });
});
