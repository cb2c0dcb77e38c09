// The consent lifecycle: grant to the version in force, withdraw, expire by the clock,
// re-consent after a wider version, confirm a service-recorded consent — each an appended
// event with a signed receipt that verifies offline against the public JWKS.
import { purposeId, purposeVersionId } from '@lupa/db/seed';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmConsent } from '../../../api/src/consents/confirm-consent.js';
import { expireConsents } from '../../../api/src/consents/expire-consents.js';
import { startExpirySweep } from '../../../api/src/consents/expiry-sweep.js';
import { grantConsent } from '../../../api/src/consents/grant-consent.js';
import { withdrawConsent } from '../../../api/src/consents/withdraw-consent.js';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createLogger } from '../../../api/src/log/index.js';
import { BASE_URL, createTestApp, dataOf, type ServiceClient, type TestApp } from '../../fixtures/app.js';

const DAY = 86_400_000;

describe('consent lifecycle', () => {
  let t: TestApp;
  let planning: ServiceClient;

  beforeAll(async () => {
    t = await createTestApp({ residents: 60 });
    planning = await t.registerServiceClient('city-planning');
  });
  afterAll(() => t.close());

  async function freshResident(): Promise<string> {
    const resident = await t.db.prisma.resident.findFirstOrThrow({
      where: { restricted: false, consents: { none: { purposeId: purposeId('neighbourhood-participation') } } },
      orderBy: { id: 'desc' },
    });
    return resident.id;
  }

  async function readAsPlanning(residentId: string, fields = 'email') {
    const token = await planning.token('neighbourhood-participation');
    return t.graphql(
      `query($id: ID!) { resident(id: $id) { ${fields} } }`,
      { id: encodeId('Resident', residentId) },
      token,
    );
  }

  async function verifyOffline(receipt: string) {
    const jwks = (await (await t.app.fetch(new Request(`${BASE_URL}/.well-known/jwks.json`))).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    const { payload, protectedHeader } = await jwtVerify(receipt, createLocalJWKSet(jwks), {
      issuer: BASE_URL,
      audience: `${BASE_URL}/consent-receipts`,
      typ: 'consent-receipt+jwt',
      algorithms: ['EdDSA'],
      currentDate: t.clock.now,
    });
    return { payload, protectedHeader };
  }

  it('grants to the version in force, opens the data, and hands back a receipt in ISO/IEC TS 27560 form', async () => {
    const residentId = await freshResident();
    expect((await readAsPlanning(residentId)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND'); // NO_CONSENT: outside the scope, as an unknown id
    const granted = await grantConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      residentId,
      purposeSlug: 'neighbourhood-participation',
      channel: 'RESIDENT_PAGE',
      actor: { kind: 'RESIDENT', id: residentId },
      language: 'SV',
    });
    expect((await readAsPlanning(residentId)).body.data).toEqual({ resident: { email: expect.any(String) } });
    const consent = await t.db.prisma.consent.findUniqueOrThrow({
      where: { id: granted.consentId },
      include: { events: true },
    });
    expect(consent.purposeVersionId).toBe(purposeVersionId('neighbourhood-participation', 2));
    expect(consent.wordingShown).toContain('Stadsplaneringen');
    expect(consent.events.map((e) => e.type)).toEqual(['GRANTED']);
    expect(consent.events[0]?.receiptJws).toBe(granted.receipt);

    const { payload } = await verifyOffline(granted.receipt);
    expect(payload).toMatchObject({ sub: residentId, event: 'GRANTED', consent_id: granted.consentId });
    const record = payload.consent_record as Record<string, unknown>;
    expect(record).toMatchObject({
      schema_version: 'ISO/IEC TS 27560:2023',
      pii_principal_id: residentId,
      status: 'dpv:ConsentGiven',
      processing: [
        expect.objectContaining({
          legal_basis: 'dpv:Consent',
          personal_data: ['pd:Address', 'pd:Contact', 'pd:Name'],
          controllers: [expect.objectContaining({ role: 'dpv:DataController', name: 'Stadsplaneringen i Snödal' })],
        }),
      ],
    });

    const check = await t.app.fetch(
      new Request(`${BASE_URL}/consent-receipts/verify`, { method: 'POST', body: granted.receipt }),
    );
    expect(await check.json()).toMatchObject({
      valid: true,
      receipt: { consentId: granted.consentId, event: 'GRANTED' },
    });
    const [header, , signature] = granted.receipt.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...payload, event: 'WITHDRAWN' })).toString('base64url')}.${signature}`;
    const refused = await t.app.fetch(
      new Request(`${BASE_URL}/consent-receipts/verify`, { method: 'POST', body: forged }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ valid: false });
  });

  it('withdraws with a receipt; the next read is denied', async () => {
    const residentId = await freshResident();
    await grantConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      residentId,
      purposeSlug: 'neighbourhood-participation',
      channel: 'RESIDENT_PAGE',
      actor: { kind: 'RESIDENT', id: residentId },
      language: 'FI',
    });
    const withdrawn = await withdrawConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      residentId,
      purposeId: purposeId('neighbourhood-participation'),
      actor: { kind: 'RESIDENT', id: residentId },
      channel: 'RESIDENT_PAGE',
      language: 'FI',
    });
    expect(withdrawn.receipts).toHaveLength(1);
    expect((await verifyOffline(withdrawn.receipts[0] as string)).payload.consent_record).toMatchObject({
      status: 'dpv:ConsentWithdrawn',
    });
    expect((await readAsPlanning(residentId)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND'); // CONSENT_WITHDRAWN: outside the scope, as an unknown id
  });

  it('expires by the clock: denied at once, then recorded and notified by the sweep, once', async () => {
    const residentId = await freshResident();
    const granted = await grantConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      residentId,
      purposeSlug: 'disc-golf-course-planning',
      channel: 'RESIDENT_PAGE',
      actor: { kind: 'RESIDENT', id: residentId },
      language: 'EN',
    });
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(granted.expiresAt.getTime() + 1000);
      const club = await t.registerServiceClient('disc-golf-club');
      const read = await t.graphql(
        `query($id: ID!) { resident(id: $id) { email } }`,
        { id: encodeId('Resident', residentId) },
        await club.token('disc-golf-course-planning'),
      );
      // CONSENT_EXPIRED: outside the purpose's scope, answered as an unknown id.
      expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      // The background sweep as main.ts starts it records the expiry without being asked.
      const sweep = startExpirySweep({ prisma: t.db.prisma, log: createLogger('silent'), clock: () => t.clock.now });
      try {
        await expect
          .poll(() => t.db.prisma.consentEvent.count({ where: { consentId: granted.consentId, type: 'EXPIRED' } }))
          .toBe(1);
      } finally {
        await sweep.stop();
      }
      const events = await t.db.prisma.consentEvent.findMany({ where: { consentId: granted.consentId } });
      expect(events.map((e) => e.type).sort()).toEqual(['EXPIRED', 'GRANTED']);
      expect(
        await t.db.prisma.webhookOutbox.count({ where: { consentId: granted.consentId, kind: 'CONSENT_EXPIRED' } }),
      ).toBeGreaterThan(0);
      expect((await expireConsents({ prisma: t.db.prisma, now: t.clock.now })).expired).toBe(0);
    } finally {
      t.clock.now = saved;
    }
  });

  it('after a wider version is published, an old consent keeps only its old scope until the resident consents again', async () => {
    const residentId = await freshResident();
    await grantConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      residentId,
      purposeSlug: 'neighbourhood-participation',
      channel: 'RESIDENT_PAGE',
      actor: { kind: 'RESIDENT', id: residentId },
      language: 'FI',
    });
    const v2 = await t.db.prisma.purposeVersion.findUniqueOrThrow({
      where: { id: purposeVersionId('neighbourhood-participation', 2) },
      include: { categories: true },
    });
    const demographics = await t.db.prisma.dataCategory.findUniqueOrThrow({ where: { slug: 'demographics' } });
    const { id: _id, createdAt: _c, publishedAt: _p, retiredAt: _r, categories, ...columns } = v2;
    await t.db.prisma.$transaction([
      t.db.prisma.purposeVersion.update({ where: { id: v2.id }, data: { status: 'RETIRED', retiredAt: t.clock.now } }),
      t.db.prisma.purposeVersion.create({
        data: {
          ...columns,
          version: 3,
          status: 'PUBLISHED',
          publishedAt: t.clock.now,
          categories: {
            create: [
              ...categories.map((c) => ({ categoryId: c.categoryId, accessLevel: c.accessLevel })),
              { categoryId: demographics.id, accessLevel: 'GENERALISED' as const },
            ],
          },
        },
      }),
    ]);
    const before = await readAsPlanning(residentId, 'email birthDate');
    expect(before.body.data).toEqual({ resident: { email: expect.any(String), birthDate: null } });
    expect(before.body.errors?.[0]?.extensions?.reason).toBe('CATEGORY_NOT_IN_CONSENT');
    await grantConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      now: new Date(t.clock.now.getTime() + 1),
      residentId,
      purposeSlug: 'neighbourhood-participation',
      channel: 'RESIDENT_PAGE',
      actor: { kind: 'RESIDENT', id: residentId },
      language: 'FI',
    });
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 2);
    try {
      const after = await readAsPlanning(residentId, 'email birthDate');
      expect(after.body.errors).toBeUndefined();
      expect((dataOf(after.body).resident as { birthDate: string }).birthDate).toMatch(/^\d{4}$/);
    } finally {
      t.clock.now = saved;
    }
  });

  it('a consent a service recorded opens the data once the resident confirms it', async () => {
    const residentId = await freshResident();
    const consent = await t.db.prisma.consent.create({
      data: {
        residentId,
        purposeId: purposeId('parish-events'),
        purposeVersionId: purposeVersionId('parish-events', 1),
        channel: 'SERVICE',
        grantedAt: t.clock.now,
        expiresAt: new Date(t.clock.now.getTime() + 365 * DAY),
        needsConfirmation: true,
        wordingShown: 'Seurakunta kutsuu sinut konsertteihin.',
        evidence: { form: 'paper' },
        events: {
          create: { residentId, type: 'GRANTED', occurredAt: t.clock.now, channel: 'SERVICE', actorKind: 'SERVICE' },
        },
      },
    });
    const parish = await t.registerServiceClient('parish');
    const read = async () =>
      t.graphql(
        `query($id: ID!) { resident(id: $id) { email } }`,
        { id: encodeId('Resident', residentId) },
        await parish.token('parish-events'),
      );
    expect((await read()).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND'); // CONSENT_UNCONFIRMED: outside the scope, as an unknown id
    const { receipt } = await confirmConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      residentId,
      consentId: consent.id,
      language: 'FI',
    });
    expect((await verifyOffline(receipt)).payload.event).toBe('CONFIRMED');
    expect((await read()).body.errors).toBeUndefined();
    await expect(
      confirmConsent({
        prisma: t.db.prisma,
        hub: t.hub,
        now: t.clock.now,
        residentId,
        consentId: consent.id,
        language: 'FI',
      }),
    ).rejects.toThrow(/not waiting/);
  });

  it('refuses to grant consent to a purpose that rests on another basis', async () => {
    const residentId = await freshResident();
    await expect(
      grantConsent({
        prisma: t.db.prisma,
        hub: t.hub,
        now: t.clock.now,
        residentId,
        purposeSlug: 'daycare-application',
        channel: 'RESIDENT_PAGE',
        actor: { kind: 'RESIDENT', id: residentId },
        language: 'FI',
      }),
    ).rejects.toThrow(/does not rest on consent/);
  });
});
