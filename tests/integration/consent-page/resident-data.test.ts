// The data export (Art. 15/20) holds the resident's own data and nobody else's; the access
// history filters by date, organisation and purpose.
import { decryptPic } from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { PageClient } from './page-client.js';

describe('the resident’s own data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ residents: 12 });
  });
  afterAll(() => t.close());

  it('exports everything about the resident, as an attachment, and nothing about others', async () => {
    const residents = await t.db.prisma.resident.findMany({ include: { consents: { include: { events: true } } } });
    const me = residents.find((r) => r.consents.length > 0) ?? residents[0];
    if (!me) throw new Error('no residents');
    const client = new PageClient(t);
    await client.signInAs(me.id);
    const response = await client.request('/my-data.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="lupa-my-data-/);
    const text = await response.text();
    const data = JSON.parse(text) as {
      identity: { id: string; personalIdentityCode: string; lastName: string };
      contact: { email: string | null };
      consents: { id: string; events: { receipt: string | null }[] }[];
      accessLog: unknown[];
      interests: unknown[];
      serviceUsage: unknown[];
      accessibilityNeeds: unknown[];
    };
    expect(data.identity.id).toBe(me.id);
    expect(data.identity.personalIdentityCode).toBe(decryptPic(me.picCiphertext, t.picKeys));
    expect(data.identity.lastName).toBe(me.lastName);
    expect(data.contact.email).toBe(me.email);
    expect(data.consents.map((c) => c.id).sort()).toEqual(me.consents.map((c) => c.id).sort());
    // Events carry their stored receipts (seeded history may predate receipts: null then).
    const stored = me.consents.flatMap((c) => c.events.map((e) => e.receiptJws)).sort();
    expect(data.consents.flatMap((c) => c.events.map((e) => e.receipt)).sort()).toEqual(stored);
    expect(stored.length).toBeGreaterThan(0);
    for (const other of residents.filter((r) => r.id !== me.id)) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(decryptPic(other.picCiphertext, t.picKeys));
      if (other.email) expect(text).not.toContain(other.email);
    }
  });

  it('filters the access history and marks a malformed date on its field', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow();
    const client = new PageClient(t);
    await client.signInAs(resident.id);
    // Two page reads of the resident's own data are in the log now.
    await client.get('/');
    const all = await client.get('/access-log');
    expect(all.response.status).toBe(200);
    expect(all.body).toContain('<caption');
    const tomorrow = new Date(t.clock.now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const future = await client.get(`/access-log?from=${tomorrow}`);
    expect(future.body).toContain('class="no-entries"');
    expect(all.body).not.toContain('class="no-entries"');
    const bad = await client.get('/access-log?from=31.12.2026');
    expect(bad.response.status).toBe(400);
    expect(bad.body).toContain('aria-describedby="from-error"');
    expect(bad.body).toContain('id="from-error"');
    const purpose = await client.get('/access-log?purpose=building-permit');
    expect(purpose.body).toContain('<option value="building-permit" selected>');
  });

  it('sends a signed-out visitor to sign in instead of showing data', async () => {
    const client = new PageClient(t);
    for (const path of ['/access-log', '/my-data.json', '/consents/result?event=x']) {
      const response = await client.request(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe('/');
    }
  });
});
