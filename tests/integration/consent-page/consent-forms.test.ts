// Grant and withdraw through the page's forms: CSRF and Fetch-Metadata checks, the
// withdrawal confirmation, receipts only for their owner, CSP everywhere, audited reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConsentReceipt } from '../../../api/src/auth/index.js';
import { findResidentPurposes } from '../../../api/src/consent-page/purposes-data.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { PageClient } from './page-client.js';

describe('consents through the resident page', () => {
  let t: TestApp;
  let residentId: string;
  let otherId: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 10 });
    const [a, b] = await t.db.prisma.resident.findMany({ take: 2, orderBy: { id: 'asc' } });
    if (!a || !b) throw new Error('seed too small');
    residentId = a.id;
    otherId = b.id;
  });
  afterAll(() => t.close());

  async function notGivenPurpose(): Promise<string> {
    const purposes = await findResidentPurposes(t.db.prisma, residentId, t.clock.now);
    const purpose = purposes.find(
      (p) => p.legalBasis === 'CONSENT' && p.state !== 'granted' && p.state !== 'unconfirmed',
    );
    if (!purpose) throw new Error('every purpose already granted');
    return purpose.slug;
  }

  async function grantedCount(slug: string): Promise<number> {
    return t.db.prisma.consent.count({ where: { residentId, purpose: { slug } } });
  }

  it('refuses a POST without a token, with a wrong token, or marked cross-site (403, nothing written)', async () => {
    const client = new PageClient(t);
    await client.signInAs(residentId);
    const slug = await notGivenPurpose();
    const before = await grantedCount(slug);
    expect((await client.post('/consents/grant', { purpose: slug }, { csrf: null })).response.status).toBe(403);
    expect((await client.post('/consents/grant', { purpose: slug }, { csrf: 'forged-token' })).response.status).toBe(
      403,
    );
    // Another session's token does not fit this session.
    const other = new PageClient(t);
    await other.signInAs(otherId);
    expect((await client.post('/consents/grant', { purpose: slug }, { csrf: other.csrf() })).response.status).toBe(403);
    const crossSite = await client.post(
      '/consents/grant',
      { purpose: slug },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect(crossSite.response.status).toBe(403);
    expect(await grantedCount(slug)).toBe(before);
    // Sign-in forms are protected too.
    const anonymous = new PageClient(t);
    await anonymous.get('/');
    expect(
      (await anonymous.post('/auth/magic-link', { email: 'a@example.invalid' }, { csrf: null })).response.status,
    ).toBe(403);
  });

  it('grants through the form, shows the result and serves the signed receipt to its owner only', async () => {
    const client = new PageClient(t);
    await client.signInAs(residentId);
    const slug = await notGivenPurpose();
    const before = await grantedCount(slug);
    const { response } = await client.post('/consents/grant', { purpose: slug });
    expect(response.status).toBe(303);
    expect(await grantedCount(slug)).toBe(before + 1);
    const location = response.headers.get('location') as string;
    const eventId = new URL(location, 'http://x').searchParams.get('event') as string;
    const event = await t.db.prisma.consentEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(event).toMatchObject({ residentId, type: 'GRANTED', channel: 'RESIDENT_PAGE', actorKind: 'RESIDENT' });

    const result = await client.get(location);
    expect(result.body).toContain('role="status"');
    expect(result.body).toContain(`href="/receipts/${eventId}.jws"`);

    const receipt = await client.request(`/receipts/${eventId}.jws`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/jwt');
    expect(receipt.headers.get('content-disposition')).toMatch(/^attachment; filename="lupa-consent-receipt-/);
    const jws = await receipt.text();
    expect(jws).toBe(event.receiptJws);
    const verified = await verifyConsentReceipt(t.hub, jws, { now: t.clock.now });
    expect(verified.consentEventId).toBe(eventId);

    const other = new PageClient(t);
    await other.signInAs(otherId);
    expect((await other.request(`/receipts/${eventId}.jws`)).status).toBe(404);
    expect((await new PageClient(t).request(`/receipts/${eventId}.jws`)).status).toBe(303);
  });

  it('confirms before withdrawing, naming what stops and what continues, then withdraws', async () => {
    const client = new PageClient(t);
    await client.signInAs(residentId);
    const purposes = await findResidentPurposes(t.db.prisma, residentId, t.clock.now);
    const granted = purposes.find((p) => p.legalBasis === 'CONSENT' && p.state === 'granted');
    if (!granted) throw new Error('nothing granted');
    const confirmation = await client.get(`/consents/withdraw?purpose=${granted.slug}`);
    expect(confirmation.response.status).toBe(200);
    expect(confirmation.body).toContain(granted.title.fi);
    expect(confirmation.body).toContain(granted.controller.fi);
    for (const recipient of granted.recipients) expect(confirmation.body).toContain(recipient.fi);
    for (const continuing of purposes.filter((p) => p.legalBasis !== 'CONSENT')) {
      expect(confirmation.body).toContain(continuing.title.fi);
    }

    const { response } = await client.post('/consents/withdraw', { purpose: granted.slug });
    expect(response.status).toBe(303);
    const after = await findResidentPurposes(t.db.prisma, residentId, t.clock.now);
    expect(after.find((p) => p.slug === granted.slug)?.state).toBe('withdrawn');
    const eventId = new URL(response.headers.get('location') as string, 'http://x').searchParams.get('event') as string;
    const event = await t.db.prisma.consentEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(event.type).toBe('WITHDRAWN');
    const receipt = await client.request(`/receipts/${eventId}.jws`);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toBe(event.receiptJws);
  });

  it('sends a strict CSP and the other security headers on every page', async () => {
    const client = new PageClient(t);
    const anonymous = ['/', '/static/page.css', '/static/page.js', '/language?lang=sv&next=/'];
    for (const path of anonymous) {
      const response = await client.request(path);
      expect(response.headers.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(response.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('content-security-policy'), path).toMatch(/form-action 'self'/);
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    await client.signInAs(residentId);
    for (const path of ['/', '/access-log', '/my-data.json', '/consents/withdraw?purpose=nope']) {
      const response = await client.request(path);
      expect(response.headers.get('content-security-policy'), path).toMatch(/script-src 'self'/);
      expect(response.headers.get('content-security-policy'), path).not.toMatch(/unsafe-inline/);
    }
    expect((await client.get('/')).body).not.toMatch(/<script>|style=/);
  });

  it('records each page read as the resident in the audit log', async () => {
    const client = new PageClient(t);
    await client.signInAs(otherId);
    const before = await t.db.prisma.auditEvent.count({ where: { residentId: otherId, actorKind: 'RESIDENT' } });
    await client.get('/access-log');
    await client.get('/my-data.json');
    const events = await t.db.prisma.auditEvent.findMany({
      where: { residentId: otherId, actorKind: 'RESIDENT' },
      orderBy: { seq: 'asc' },
    });
    expect(events.length).toBe(before + 2);
    expect(events.slice(-2).map((e) => e.operation)).toEqual(['residentPage.accessLog', 'residentPage.export']);
    expect(events.at(-1)?.actorId).toBe(otherId);
  });

  it('switches language with a remembered cookie and renders lang attributes', async () => {
    const client = new PageClient(t);
    await client.signInAs(residentId);
    const resident = await t.db.prisma.resident.findUniqueOrThrow({ where: { id: residentId } });
    expect((await client.get('/')).body).toContain(`<html lang="${resident.language.toLowerCase()}">`);
    const switched = await client.request('/language?lang=sv&next=/access-log');
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe('/access-log');
    const page = await client.get('/access-log');
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).toContain('Vem har sett mina uppgifter');
    // Never an open redirect (open-redirect.test.ts has the whole table).
    expect((await client.request('/language?lang=en&next=//evil.example')).status).toBe(400);
  });
});
